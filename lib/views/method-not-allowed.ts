import type { SeedErrorBody } from '../response/default-render.js';
import { type JsonResponse, jsonResponse } from '../response/json-response.js';
import { currentSettings } from '../settings.js';

/**
 * The 405 a View answers to a verb it does not define, in the seed's error
 * format, with the `allow` header RFC 9110 requires.
 */
export function methodNotAllowed(allowed: readonly string[]): JsonResponse<SeedErrorBody> {
  const timestamp = String(Math.floor(currentSettings().clock() / 1000));
  return jsonResponse(
    { status: '405', message: 'Method not allowed', timestamp, errorcode: 'METHOD_NOT_ALLOWED' },
    { status: 405, headers: { allow: allowed.join(', '), 'cache-control': 'no-store' } },
  );
}
