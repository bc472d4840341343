/**
 * ajax-guard/adapter: the kit for writing an adapter for another framework,
 * made of the functions the built-in adapters use. An adapter reads the
 * framework's arguments and writes status, headers and body; every decision
 * stays in the core.
 *
 * The built-in adapters import these functions from their own modules, not
 * from here: compiled to CommonJS, a module of re-exports holds each name as
 * a getter, and V8 keeps such an object as a dictionary, so every call
 * through it is a lookup and a getter call (about 14 ns) on the request path.
 *
 * @example
 * const { status, headers, body } = serializeResponse(toJsonResponse(await handler(request)));
 */

export { accessCheck } from './guard/check-access.js';
export { isThenable } from './internal/is-thenable.js';
export { utf8Length } from './internal/utf8-length.js';
export { acceptQuality } from './negotiation/accept.js';
export { prefersHtml } from './negotiation/prefers-html.js';
export { requestHeader } from './request/request-header.js';
export { requestMethod } from './request/request-method.js';
export { requestPath } from './request/request-path.js';
export { isJsonResponse, JSON_CONTENT_TYPE } from './response/json-response.js';
export { mergeVary } from './response/merge-vary.js';
export { type SerializedResponse, serializeResponse, toJsonResponse } from './serialize/serialize-response.js';
