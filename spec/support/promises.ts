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
