import { errorResponse, unixSeconds } from '../response/error-body.js';
import type { JsonResponse } from '../response/json-response.js';
import { keepSerialized } from '../serialize/serialize-response.js';
import type { Settings } from '../settings.js';
import { release, watch } from './check-deadlines.js';
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
  return new Promise((resolve, reject) => {
    const pending = watch(settings.checkTimeout, () => {
      try {
        resolve(checkTimedOut(settings));
      } catch (error) {
        reject(error);
      }
    });
    Promise.resolve(answer).then(
      (settled) => {
        if (!release(pending)) return;
        try {
          resolve(decide(settled));
        } catch (error) {
          reject(error);
        }
      },
      (error: unknown) => {
        if (release(pending)) reject(error);
      },
    );
  });
}
