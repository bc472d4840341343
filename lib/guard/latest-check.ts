import type { AnyFunction } from '../internal/function-types.js';
import type { Follower } from './follower.js';
import type { Verdict } from './verdict.js';

/**
 * A pending asynchronous check, as the code that began it sees it: its
 * Promise, and what may still be fused into it, the call to make once it
 * allows it and what an adapter does with the call's result.
 */
export interface OpenCheck {
  readonly promise: Promise<unknown>;
  handler: AnyFunction | undefined;
  self: unknown;
  args: ArrayLike<unknown>;
  follower: Follower | undefined;
}

// The check begun last, until it ends: the caller that began it may still
// hand it the call to make, and an adapter what to do with what it returns.
let latest: OpenCheck | undefined;

/** Makes `check`, one just begun, the latest. */
export function beginCheck(check: OpenCheck): void {
  latest = check;
}

/** Once a check's answer or deadline came: no caller may fuse anything more into it. */
export function endCheck(check: OpenCheck): void {
  if (latest === check) latest = undefined;
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
export function claimCheck(value: unknown): OpenCheck | undefined {
  const settling = latest;
  if (settling === undefined || settling.promise !== value) return undefined;
  latest = undefined;
  return settling;
}
