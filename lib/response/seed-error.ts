import type { Settings } from '../settings.js';
import { type JsonResponse, jsonResponse } from './json-response.js';

/** The body the seed's `login_required_ajax` sends, field for field and in its order. */
export interface SeedErrorBody {
  readonly status: string;
  readonly message: string;
  readonly timestamp: string;
  readonly errorcode: string;
}

/** What a seed-shaped error says: its status as a number, the rest as the body carries it. */
export interface SeedError {
  readonly status: number;
  readonly message: string;
  readonly timestamp: string;
  readonly errorcode: string;
}

/** The settings' clock in whole Unix seconds, as Django's `format(now, 'U')`. */
export function unixSeconds(settings: Settings): number {
  return Math.floor(settings.clock() / 1000);
}

/**
 * An error response in the seed's shape, the one place that writes its
 * fields and their order: every refusal, the 405 of a view, the 503 of a
 * check that timed out and the 500 of a body that cannot be serialized.
 * The body is frozen: it never changes once built.
 *
 * @example
 * seedErrorResponse({ status: 401, message: 'Unknown authentication scheme', timestamp: '1764000000', errorcode: 'AUTHENTICATION_REQUIRED' });
 */
export function seedErrorResponse(
  { status, message, timestamp, errorcode }: SeedError,
  headers?: Readonly<Record<string, string>>,
): JsonResponse<SeedErrorBody> {
  return jsonResponse(Object.freeze({ status: String(status), message, timestamp, errorcode }), { status, headers });
}
