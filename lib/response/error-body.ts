import type { Denial } from './denial.js';
import { type JsonResponse, jsonResponse } from './json-response.js';

/**
 * The body of every error response the library sends, field for field and in the
 * order of Django's `login_required_ajax` snippet this library ports.
 */
export interface ErrorBody {
  readonly status: string;
  readonly message: string;
  readonly timestamp: string;
  readonly errorcode: string;
}

/** What an error says: its status as a number, the rest as the body carries it. */
export interface ErrorFields {
  readonly status: number;
  readonly message: string;
  readonly timestamp: string;
  readonly errorcode: string;
}

/** A clock's time in whole Unix seconds, as Django's `format(now, 'U')`. */
export function unixSeconds(clock: () => number): number {
  return Math.floor(clock() / 1000);
}

/**
 * An error response in the library's body shape, the one place that writes
 * its fields and their order: every refusal, the 405 of a view, the 503 of a
 * check that timed out and the 500 of a body that cannot be serialized. The
 * body is frozen: it never changes once built.
 *
 * @example
 * errorResponse({ status: 405, message: 'Method not allowed', timestamp: '1764000000', errorcode: 'METHOD_NOT_ALLOWED' });
 */
export function errorResponse(
  { status, message, timestamp, errorcode }: ErrorFields,
  headers?: Readonly<Record<string, string>>,
): JsonResponse<ErrorBody> {
  return jsonResponse(Object.freeze({ status: String(status), message, timestamp, errorcode }), { status, headers });
}

/**
 * The default renderer of a refusal: the error body above. `headers` are
 * added to the response (the guards pass their refusal headers).
 *
 * @example
 * // {"status":"401","message":"Unknown authentication scheme","timestamp":"1764000000","errorcode":"AUTHENTICATION_REQUIRED"}
 */
export function defaultRender(denial: Denial, headers?: Readonly<Record<string, string>>): JsonResponse<ErrorBody> {
  return errorResponse(denial, headers);
}
