import type { Denial } from './denial.js';
import type { JsonResponse } from './json-response.js';
import { type SeedErrorBody, seedErrorResponse } from './seed-error.js';

/**
 * The default renderer: the seed's JSON error body.
 *
 * @example
 * // {"status":"401","message":"Unknown authentication scheme","timestamp":"1764000000","errorcode":"AUTHENTICATION_REQUIRED"}
 */
export function defaultRender(denial: Denial): JsonResponse<SeedErrorBody> {
  return seedErrorResponse(denial);
}
