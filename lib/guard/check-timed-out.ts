import { errorResponse, unixSeconds } from '../response/error-body.js';
import type { JsonResponse } from '../response/json-response.js';
import { keepSerialized } from '../serialize/serialize-response.js';
import type { Settings } from '../settings.js';

/**
 * The 503 of an asynchronous check that outlasted `settings.checkTimeout`:
 * fixed text in the library's error shape, so the caller learns to retry,
 * and nothing more.
 */
export function checkTimedOut(settings: Settings): JsonResponse {
  const timestamp = String(unixSeconds(settings.clock));
  // A refusal: written as it is, never through an app's response schema.
  return keepSerialized(
    errorResponse(
      { status: 503, message: 'Authentication check timed out', timestamp, errorcode: settings.errorCodes.timeout },
      { 'cache-control': 'no-store', 'retry-after': '1' },
    ),
  );
}
