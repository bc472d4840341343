import type { JsonResponse } from '../response/json-response.js';
import { seedErrorResponse, unixSeconds } from '../response/seed-error.js';
import { keepSerialized } from '../response/serialize.js';
import type { Settings } from '../settings.js';
import type { Gate } from './gate.js';

// Fixed text, seed-shaped: the caller learns to retry, and nothing more.
function checkTimedOut(settings: Settings): JsonResponse {
  const timestamp = String(unixSeconds(settings));
  return keepSerialized(
    seedErrorResponse(
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
  decide: (settled: unknown) => ReturnType<Gate>,
): Promise<JsonResponse | undefined> {
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
