import type { AnyFunction } from '../internal/function-types.js';
import type { Settings } from '../settings.js';
import { type PendingCheck, type Queue, release, watch } from './check-deadlines.js';
import { checkTimedOut } from './check-timed-out.js';
import type { PendingVerdict, Verdict } from './verdict.js';

// The executor of every check's Promise: Promise runs it at once, so the
// check being made is known, and no closure is made per check for it.
let making: Settling | undefined;
function capture(resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
  (making as Settling).resolve = resolve;
  (making as Settling).reject = reject;
}

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
// `proceedAfter`), and its place among the pending checks. All of it is
// held here as parts: closures over them would be more allocations on
// every asynchronous call.
class Settling implements PendingCheck {
  readonly promise: Promise<unknown>;
  resolve!: (value: unknown) => void;
  reject!: (error: unknown) => void;
  handler: AnyFunction | undefined = undefined;
  self: unknown = undefined;
  args: ArrayLike<unknown> = NO_ARGS;
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
    making = this;
    this.promise = new Promise(capture);
    making = undefined;
  }

  expire(): void {
    try {
      this.resolve(checkTimedOut(this.settings));
    } catch (error) {
      this.reject(error);
    }
  }

  // Once the answer came in time: the guard rules on it, and the call runs if it allows it.
  rule(settled: unknown): void {
    try {
      const result = outcome(this.ruling(settled, this.request, this.settings), this);
      // An async handler's Promise is followed directly: resolving with it
      // would cost a further job and turn of the microtask queue to adopt it.
      if (result instanceof Promise) result.then(this.resolve, this.reject);
      else this.resolve(result);
    } catch (error) {
      this.reject(error);
    }
  }
}

// The check begun last, while the caller that began it may still hand it the call to make.
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
  (answer instanceof Promise ? answer : Promise.resolve(answer)).then(
    (settled) => {
      if (release(settling)) settling.rule(settled);
    },
    (error: unknown) => {
      if (release(settling)) settling.reject(error);
    },
  );
  latest = settling;
  return settling.promise as Promise<Verdict>;
}

// Makes `verdict`, the Promise of the check begun last, the call's own: it
// resolves to what `handler` returns once the check allows the call.
// False, and nothing fused, for any other Promise.
function fuse(verdict: Promise<Verdict>, handler: AnyFunction, self: unknown, args: ArrayLike<unknown>): boolean {
  const settling = latest;
  if (settling === undefined || settling.promise !== verdict) return false;
  latest = undefined;
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
