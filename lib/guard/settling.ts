import type { AnyFunction } from '../internal/function-types.js';
import { ownPromise } from '../internal/own-promise.js';
import type { Settings } from '../settings.js';
import { type PendingCheck, type Queue, release } from './check-deadlines.js';
import { checkTimedOut } from './check-timed-out.js';
import type { Follower } from './follower.js';
import { endCheck, type OpenCheck, proceedAfter } from './latest-check.js';
import type { PendingVerdict } from './verdict.js';

// A rejection no one may be waiting for: the call's own Promise, once a
// follower took over, is held only by code that may have kept it.
function ignore(): void {}

// Shared, so that a check with no call fused into it allocates no list.
const NO_ARGS: ArrayLike<unknown> = Object.freeze([]);

/**
 * How a guard rules on its check's answer, with the call's request and
 * settings: made once per guard, so that a pending check makes no closure
 * of its own.
 */
export type Ruling = (settled: unknown, request: unknown, settings: Settings) => PendingVerdict;

// One asynchronous check, from its start to its verdict: its Promise, how
// to rule on its answer, the call to make once it allows it (see
// `proceedAfter`), what an adapter does with the call's result (see
// `followCall`), and its place among the pending checks. All of it is held
// here as parts: closures over them would be more allocations on every
// asynchronous call. Its two listeners take the check's answer, then, when
// the call is async, the call's: a closure made once and called twice
// costs less than one made for each. They are made with the record: stored
// into it once it is made, each would cost a write barrier.
export class Settling implements PendingCheck, OpenCheck {
  readonly promise: Promise<unknown>;
  resolve!: (value: unknown) => void;
  reject!: (error: unknown) => void;
  readonly onValue = (value: unknown): void => this.take(value);
  readonly onError = (error: unknown): void => this.drop(error);
  // Once the guard has ruled, the listeners hear from the call.
  ruled = false;
  handler: AnyFunction | undefined = undefined;
  self: unknown = undefined;
  args: ArrayLike<unknown> = NO_ARGS;
  follower: Follower | undefined = undefined;
  deadline = 0;
  pending = false;
  previous: PendingCheck | undefined = undefined;
  next: PendingCheck | undefined = undefined;
  queue: Queue | undefined = undefined;

  constructor(
    readonly request: unknown,
    readonly settings: Settings,
    readonly ruling: Ruling,
  ) {
    this.promise = ownPromise(this);
  }

  expire(): void {
    endCheck(this);
    try {
      this.complete(checkTimedOut(this.settings));
    } catch (error) {
      this.fail(error);
    }
  }

  take(value: unknown): void {
    if (this.ruled) this.complete(value);
    else if (release(this)) this.rule(value);
  }

  drop(error: unknown): void {
    if (this.ruled || release(this)) this.fail(error);
  }

  // Once the answer came in time: the guard rules on it, and the call runs if it allows it.
  rule(settled: unknown): void {
    endCheck(this);
    this.ruled = true;
    try {
      const result = outcome(this.ruling(settled, this.request, this.settings), this);
      // An async call's Promise is followed directly: resolving with it
      // would cost a further job and turn of the microtask queue to adopt it.
      if (result instanceof Promise) result.then(this.onValue, this.onError);
      else this.complete(result);
    } catch (error) {
      this.fail(error);
    }
  }

  complete(value: unknown): void {
    this.resolve(value);
    const follower = this.follower;
    if (follower === undefined) return;
    try {
      follower.resolve(follower.follow(value, follower.context));
    } catch (error) {
      follower.reject(error);
    }
  }

  fail(error: unknown): void {
    endCheck(this);
    if (this.follower !== undefined) {
      // The follower's Promise carries the error; the call's own may be held by no one.
      this.promise.then(undefined, ignore);
      this.follower.reject(error);
    }
    this.reject(error);
  }
}

// What a check's Promise resolves to once the guard has ruled: the verdict,
// or, with the call to make fused in, the refusal or what the call returns
// (after a further check, a permission after the login, when there is one).
function outcome(verdict: PendingVerdict, { handler, self, args }: Settling): unknown {
  if (handler === undefined || (verdict !== undefined && !(verdict instanceof Promise))) return verdict;
  if (verdict === undefined) return Reflect.apply(handler, self, args);
  return proceedAfter(verdict, handler, self, args);
}
