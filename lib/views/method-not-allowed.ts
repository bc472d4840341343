import type { JsonResponse } from '../response/json-response.js';
import { type SeedErrorBody, seedErrorResponse, unixSeconds } from '../response/seed-error.js';
import { currentSettings } from '../settings.js';

/**
 * The 405 a View answers to a verb it does not define, in the seed's error
 * format, with the `allow` header RFC 9110 requires.
 */
export function methodNotAllowed(allowed: readonly string[]): JsonResponse<SeedErrorBody> {
  const timestamp = String(unixSeconds(currentSettings()));
  return seedErrorResponse(
    { status: 405, message: 'Method not allowed', timestamp, errorcode: 'METHOD_NOT_ALLOWED' },
    { allow: allowed.join(', '), 'cache-control': 'no-store' },
  );
}
