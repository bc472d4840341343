import { type ErrorBody, errorResponse, unixSeconds } from '../response/error-body.js';
import type { JsonResponse } from '../response/json-response.js';
import { currentSettings } from '../settings.js';

/**
 * The 405 a View answers to a verb it does not define, in the library's error
 * format, with the `allow` header RFC 9110 requires.
 */
export function methodNotAllowed(allowed: readonly string[]): JsonResponse<ErrorBody> {
  const timestamp = String(unixSeconds(currentSettings().clock));
  return errorResponse(
    { status: 405, message: 'Method not allowed', timestamp, errorcode: 'METHOD_NOT_ALLOWED' },
    { allow: allowed.join(', '), 'cache-control': 'no-store' },
  );
}
