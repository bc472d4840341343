/**
 * The reason `value` (a Promise) rejects with; fails the test when it resolves
 * instead, so an assertion on the reason can never pass by accident.
 */
export function rejectionOf(value: unknown): Promise<unknown> {
  if (!(value instanceof Promise)) throw new Error(`expected a Promise, got ${String(value)}`);
  return value.then(
    (settled: unknown) => {
      throw new Error(`expected a rejection, but it resolved to ${String(settled)}`);
    },
    (reason: unknown) => reason,
  );
}

/**
 * `promise`, or a rejection naming `what` once `ms` have passed: a test that
 * waits for something the server should do fails, rather than hangs, when it
 * never happens.
 */
export function within<T>(promise: Promise<T>, what: string, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A check's answer that never comes: a stuck session store, a service that never replies. */
export const never = (): Promise<boolean> => new Promise<boolean>(() => {});

/** A Promise the test settles when it chooses, with `give` or `fail`. */
export function later<T>(): { promise: Promise<T>; give: (value: T) => void; fail: (reason: Error) => void } {
  let give!: (value: T) => void;
  let fail!: (reason: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    give = resolve;
    fail = reject;
  });
  return { promise, give, fail };
}

/**
 * The reasons of the rejections nobody handled, from when the enclosing
 * describe starts; emptied before each of its tests.
 */
export function unhandledRejections(): unknown[] {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  before(() => process.on('unhandledRejection', onUnhandled));
  after(() => process.off('unhandledRejection', onUnhandled));
  beforeEach(() => {
    unhandled.length = 0;
  });
  return unhandled;
}
