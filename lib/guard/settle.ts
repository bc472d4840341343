import type { Settings } from '../settings.js';
import { watch } from './check-deadlines.js';
import { beginCheck } from './latest-check.js';
import { type Ruling, Settling } from './settling.js';
import type { Verdict } from './verdict.js';

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
  beginCheck(settling);
  return settling.promise as Promise<Verdict>;
}
