import type { AnyFunction } from '../internal/function-types.js';
import { ownPromise } from '../internal/own-promise.js';
import type { Settings } from '../settings.js';
import { type PendingCheck, type Queue, release, watch } from './check-deadlines.js';
import { checkTimedOut } from './check-timed-out.js';
import type { Follower } from './follower.js';
import type { PendingVerdict, Verdict } from './verdict.js';

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
export class Settling implements PendingCheck {
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

  // Once its answer or its deadline came: no caller may fuse anything more into it.
  end(): void {
    if (latest === this) latest = undefined;
  }

  expire(): void {
    this.end();
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
    this.end();
    this.ruled = true;
    try {
      const result = outcome(this.ruling(settled, this.request, this.settings), this);
      if (!(result instanceof Promise)) this.complete(result);
      // An async call's Promise is followed directly: resolving with it
      // would cost a further job and turn of the microtask queue to adopt it.
      else if (this.follower === undefined) result.then(this.resolve, this.reject);
      else result.then(this.onValue, this.onError);
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
    this.end();
    if (this.follower !== undefined) {
      // The follower's Promise carries the error; the call's own may be held by no one.
      this.promise.then(undefined, ignore);
      this.follower.reject(error);
    }
    this.reject(error);
  }
}

// The check begun last, until it ends: the caller that began it may still
// hand it the call to make, and an adapter what to do with what it returns.
let latest: Settling | undefined;

// What a check's Promise resolves to once the guard has ruled: the verdict,
// or, with the call to make fused in, the refusal or what the call returns
// (after a further check, a permission after the login, when there is one).
function outcome(verdict: PendingVerdict, { handler, self, args }: Settling): unknown {
  if (handler === undefined || (verdict !== undefined && !(verdict instanceof Promise))) return verdict;
  if (verdict === undefined) return Reflect.apply(handler, self, args);
  return proceedAfter(verdict, handler, self, args);
}

/**
 * Waits for an asynchronous check's answer and lets `ruling` rule on it,
 * with the call's `request` and `settings`. A check that has not settled
 * within `settings.checkTimeout` milliseconds (a stuck session store, a
 * permission service that never answers) gets a 503 instead, from a timer
 * shared by every pending check (see check-deadlines.ts): the handler never
 * runs, no request waits forever, and a check that settles after its 503
 * has no further effect (`ruling`, and so any permission check or user test
 * after it, never runs). A check that rejects, or a `ruling` that throws,
 * fails the call.
 */
export function settleCheck(
  answer: PromiseLike<unknown>,
  request: unknown,
  settings: Settings,
  ruling: Ruling,
): Promise<Verdict> {
  const settling = new Settling(request, settings, ruling);
  watch(settings.checkTimeout, settling);
  (answer instanceof Promise ? answer : Promise.resolve(answer)).then(settling.onValue, settling.onError);
  latest = settling;
  return settling.promise as Promise<Verdict>;
}

// Makes `verdict`, the Promise of the check begun last, the call's own: it
// resolves to what `handler` returns once the check allows the call. It
// stays the latest, for an adapter to follow (see `followCall`). False, and
// nothing fused, for any other Promise, or one that has its call.
function fuse(verdict: Promise<Verdict>, handler: AnyFunction, self: unknown, args: ArrayLike<unknown>): boolean {
  const settling = latest;
  if (settling === undefined || settling.promise !== verdict || settling.handler !== undefined) return false;
  settling.handler = handler;
  settling.self = self;
  settling.args = args;
  return true;
}

/**
 * What a call resolves to once `verdict` is in: the refusal, or what
 * `handler` returns, called on `self` with `args`. The check begun last
 * (the usual case, one guard) makes the call from its own Promise, where a
 * `then` on the verdict would add another Promise and a turn of the
 * microtask queue; stacked guards' verdicts are chained.
 *
 * @example
 * return proceedAfter(verdict, handler, this, arguments);
 */
export function proceedAfter(
  verdict: Promise<Verdict>,
  handler: AnyFunction,
  self: unknown,
  args: ArrayLike<unknown>,
): Promise<unknown> {
  if (fuse(verdict, handler, self, args)) return verdict;
  return verdict.then((settled) => (settled === undefined ? Reflect.apply(handler, self, args) : settled));
}

/**
 * The check begun last, still pending, when `value` is its Promise: taken,
 * for `followCall` to fuse a follower into; else `undefined`.
 */
export function claimCheck(value: unknown): Settling | undefined {
  const settling = latest;
  if (settling === undefined || settling.promise !== value) return undefined;
  latest = undefined;
  return settling;
}
