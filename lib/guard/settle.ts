import { errorResponse, unixSeconds } from '../response/error-body.js';
import type { JsonResponse } from '../response/json-response.js';
import { keepSerialized } from '../serialize/serialize-response.js';
import type { Settings } from '../settings.js';
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
 * instead: the handler never runs, and no request waits forever. A check
 * that rejects, or a `decide` that throws, fails the call.
 */
export function settleCheck(
  answer: PromiseLike<unknown>,
  settings: Settings,
  decide: (settled: unknown) => PendingVerdict,
): Promise<Verdict> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(checkTimedOut(settings)), settings.checkTimeout);
    // A stuck check alone must not keep a process alive (edge runtimes have no unref).
    (timer as { unref?: () => void }).unref?.();
    Promise.resolve(answer).then(
      (settled) => {
        clearTimeout(timer);
        try {
          resolve(decide(settled));
        } catch (error) {
          reject(error);
        }
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
