import { ownPromise } from '../internal/own-promise.js';

/** What an adapter does with what a guarded call resolves to, with the context it was given for the call. */
export type Follow<C> = (settled: unknown, context: C) => unknown;

/**
 * What `followCall` fuses into a pending check: the adapter's function, its
 * context, and the Promise of what it returns, which the check settles.
 */
export class Follower {
  readonly promise: Promise<unknown>;
  resolve!: (value: unknown) => void;
  reject!: (error: unknown) => void;

  constructor(
    readonly follow: Follow<any>,
    readonly context: unknown,
  ) {
    this.promise = ownPromise(this);
  }
}
