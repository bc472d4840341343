import type { Denial } from './denial.js';
import { type JsonResponse, jsonResponse } from './json-response.js';

/** The body the seed's `login_required_ajax` sends, field for field and in its order. */
export interface SeedErrorBody {
  readonly status: string;
  readonly message: string;
  readonly timestamp: string;
  readonly errorcode: string;
}

/**
 * The default renderer: the seed's JSON error body.
 *
 * @example
 * // {"status":"401","message":"Unknown authentication scheme","timestamp":"1764000000","errorcode":"AUTHENTICATION_REQUIRED"}
 */
export function defaultRender(denial: Denial): JsonResponse<SeedErrorBody> {
  const { status, message, timestamp, errorcode } = denial;
  return jsonResponse(Object.freeze({ status: String(status), message, timestamp, errorcode }), { status });
}
