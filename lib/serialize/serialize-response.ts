import { errorResponse, unixSeconds } from '../response/error-body.js';
import { isJsonResponse, JSON_HEADERS, type JsonResponse, jsonResponse } from '../response/json-response.js';
import { currentSettings } from '../settings.js';

/** A response ready for the wire: status, lower-case headers and the body as JSON text. */
export interface SerializedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text; empty for statuses that carry no body (204, 205, 304). */
  readonly body: string;
}

// RFC 9110: no content in a 204 or a 205 (Reset Content: the client clears
// its form), none in a 304 (the client's cached copy stands). The Fetch API
// refuses to build such a Response with a body at all. Compared, not looked
// up in a Set: this runs on every response an adapter writes.
/** True for a status that carries no body: 204, 205, 304. */
export const isBodiless = (status: number): boolean => status === 204 || status === 205 || status === 304;

// Responses whose body never changes (the library's own refusals), with their
// text: serialized once, then written as often as they are sent. Kept under a
// key every installed copy knows, so that a refusal one copy made goes out
// as its text through another copy's adapter too (never through Fastify's
// serialization of handler data).
const SERIALIZED_KEY = Symbol.for('ajax-guard.kept-serializations');
const registry = globalThis as { [SERIALIZED_KEY]?: WeakMap<JsonResponse, SerializedResponse> };
if (registry[SERIALIZED_KEY] === undefined) registry[SERIALIZED_KEY] = new WeakMap();
const serialized = registry[SERIALIZED_KEY];

/**
 * Serializes `response` now and keeps its text for every later send; its
 * body must never change. Never a response made with no init: that is the
 * app's data (see `keptSerialization`).
 */
export function keepSerialized(response: JsonResponse): JsonResponse {
  serialized.set(response, serialize(response));
  return response;
}

/**
 * The text kept for one of the library's own responses (its refusals), or
 * undefined for any other response, whose body is the app's data.
 */
export function keptSerialization(response: JsonResponse): SerializedResponse | undefined {
  // A response made with no init (the shared JSON_HEADERS), a handler's usual
  // 200 of data, is never kept: no lookup.
  return response.headers === JSON_HEADERS ? undefined : serialized.get(response);
}

/** The clean 500 for a body that cannot be serialized: fixed text; nothing of the body, and no stack, reaches the wire. */
export function serializationFailure(): SerializedResponse {
  const { status, headers, body } = errorResponse(
    {
      status: 500,
      message: 'Response could not be serialized',
      timestamp: String(unixSeconds(currentSettings().clock)),
      errorcode: 'SERIALIZATION_FAILED',
    },
    { 'cache-control': 'no-store' },
  );
  return { status, headers, body: JSON.stringify(body) };
}

/**
 * What a handler returned, as the response to send: a JsonResponse as it is,
 * any other value as 200 JSON data.
 */
export function toJsonResponse(value: unknown): JsonResponse {
  return isJsonResponse(value) ? value : jsonResponse(value);
}

/**
 * Serializes a response once, at the edge. A body JSON cannot represent (a
 * cycle, a BigInt, a throwing `toJSON`), or an informational (1xx) status,
 * which no answer can have, becomes a clean 500 JSON response, never a
 * half-written one.
 *
 * @example
 * const { status, headers, body } = serializeResponse(jsonResponse({ ok: true }));
 */
export function serializeResponse(response: JsonResponse): SerializedResponse {
  return keptSerialization(response) ?? serialize(response);
}

function serialize(response: JsonResponse): SerializedResponse {
  const { status, headers } = response;
  // A 1xx is informational, never an answer: sent as one, it leaves the
  // client waiting for the answer that would follow it, for ever.
  if (status < 200) return serializationFailure();
  if (isBodiless(status)) return { status, headers, body: '' };
  let body: string | undefined;
  try {
    body = JSON.stringify(response.body);
  } catch {
    return serializationFailure();
  }
  return typeof body === 'string' ? { status, headers, body } : serializationFailure();
}
