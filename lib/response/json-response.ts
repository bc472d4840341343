import { readProperty } from '../auth/read-property.js';
import { assertHeaderName, assertHeaderValue, describeValue } from './header-value.js';

/** A framework-agnostic HTTP response whose body is still data. */
export interface JsonResponse<T = unknown> {
  /** The HTTP status code. */
  readonly status: number;
  /** Header names are lower-case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as data: adapters serialize it once, at the edge. */
  readonly body: T;
}

/** What `jsonResponse` accepts besides the body. */
export interface JsonResponseInit {
  /** [status=200] An integer from 100 to 599. */
  readonly status?: number;
  /** Extra headers; names in any letter case are stored lower-cased. */
  readonly headers?: Readonly<Record<string, string>>;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

// Only responses built here are recognised: a look-alike object from user
// code or a request body is data, never a status and headers to obey.
const made = new WeakSet<object>();

/**
 * Builds a response whose body a test can read directly.
 *
 * @example
 * const res = jsonResponse({ items: [] });            // 200
 * const gone = jsonResponse({ error: 'gone' }, { status: 410 });
 */
export function jsonResponse<T>(body: T, init: JsonResponseInit = {}): JsonResponse<T> {
  // Read as requests are: a polluted Object.prototype.status or .headers must
  // not turn every response into a 500 or smuggle headers into it.
  const status = (readProperty(init, 'status') as number | undefined) ?? 200;
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new TypeError(`jsonResponse: status must be an integer from 100 to 599, got ${describeValue(status)}`);
  }
  const headers: Record<string, string> = { 'content-type': JSON_CONTENT_TYPE };
  const extra = (readProperty(init, 'headers') as JsonResponseInit['headers']) ?? {};
  for (const [name, value] of Object.entries(extra)) {
    assertHeaderName(name, 'jsonResponse: headers');
    assertHeaderValue(value, `jsonResponse: header "${name}"`);
    // Defined, not assigned: a header named `__proto__` must stay a header.
    Object.defineProperty(headers, name.toLowerCase(), { value, enumerable: true, writable: true, configurable: true });
  }
  const response = Object.freeze({ status, headers: Object.freeze(headers), body });
  made.add(response);
  return response;
}

/** True only for objects made by `jsonResponse` (in the ESM or the CommonJS build alike). */
export function isJsonResponse(value: unknown): value is JsonResponse {
  return typeof value === 'object' && value !== null && made.has(value);
}
