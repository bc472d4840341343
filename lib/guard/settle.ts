import type { AnyFunction } from '../internal/function-types.js';
import { errorResponse, unixSeconds } from '../response/error-body.js';
import type { JsonResponse } from '../response/json-response.js';
import { keepSerialized } from '../serialize/serialize-response.js';
import type { Settings } from '../settings.js';
import { type Expiring, release, watch } from './check-deadlines.js';
import type { PendingVerdict, Verdict } from './verdict.js';

// Fixed text, in the library's error shape: the caller learns to retry, and nothing more.
function checkTimedOut(settings: Settings): JsonResponse {
  const timestamp = String(unixSeconds(settings.clock));
  // A refusal: written as it is, never through an app's response schema.
  return keepSerialized(
    errorResponse(
      { status: 503, message: 'Authentication check timed out', timestamp, errorcode: settings.errorCodes.timeout },
      { 'cache-control': 'no-store', 'retry-after': '1' },
    ),
  );
}

// The executor of every check's Promise: Promise runs it at once, so the
// check being made is known, and no closure is made per check for it.
let making: Settling | undefined;
function capture(resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
  (making as Settling).resolve = resolve;
  (making as Settling).reject = reject;
}

// Shared, so that a check with no call fused into it allocates no list.
const NO_ARGS: ArrayLike<unknown> = Object.freeze([]);

// One asynchronous check, from its start to its verdict: its Promise, and
// the call to make once it allows it (see `proceedAfter`).
class Settling implements Expiring {
  readonly promise: Promise<unknown>;
  resolve!: (value: unknown) => void;
  reject!: (error: unknown) => void;
  // The guarded call, held as its parts: a closure over them would be one
  // more allocation on every asynchronous call.
  handler: AnyFunction | undefined = undefined;
  self: unknown = undefined;
  args: ArrayLike<unknown> = NO_ARGS;

  constructor(readonly settings: Settings) {
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

  // Once the answer came in time: `decide` rules on it, and the call runs if it allows it.
  rule(decide: (settled: unknown) => PendingVerdict, settled: unknown): void {
    try {
      const result = outcome(decide(settled), this);
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

// What a check's Promise resolves to once `decide` has ruled: the verdict,
// or, with the call to make fused in, the refusal or what the call returns
// (after a further check, a permission after the login, when there is one).
function outcome(verdict: PendingVerdict, { handler, self, args }: Settling): unknown {
  if (handler === undefined || (verdict !== undefined && !(verdict instanceof Promise))) return verdict;
  if (verdict === undefined) return Reflect.apply(handler, self, args);
  return proceedAfter(verdict, handler, self, args);
}

/**
 * Waits for an asynchronous check's answer and lets `decide` rule on it. A
 * check that has not settled within `settings.checkTimeout` milliseconds (a
 * stuck session store, a permission service that never answers) gets a 503
 * instead, from a timer shared by every pending check (see
 * check-deadlines.ts): the handler never runs, no request waits forever, and
 * a check that settles after its 503 has no further effect (`decide`, and
 * so any permission check or user test after it, never runs). A check that
 * rejects, or a `decide` that throws, fails the call.
 */
export function settleCheck(
  answer: PromiseLike<unknown>,
  settings: Settings,
  decide: (settled: unknown) => PendingVerdict,
): Promise<Verdict> {
  const settling = new Settling(settings);
  const pending = watch(settings.checkTimeout, settling);
  (answer instanceof Promise ? answer : Promise.resolve(answer)).then(
    (settled) => {
      if (release(pending)) settling.rule(decide, settled);
    },
    (error: unknown) => {
      if (release(pending)) settling.reject(error);
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
