import { accessCheck } from '../guard/check-access.js';
import { followCall } from '../guard/follow-call.js';
import type { GuardDecorator, JsonResponse } from '../index.js';
import { isThenable } from '../internal/is-thenable.js';
import { utf8Length } from '../internal/utf8-length.js';
import { serializeResponse, toJsonResponse } from '../serialize/serialize-response.js';

/**
 * What `toHandler` wraps: a Fetch API handler that returns its answer.
 *
 * @example
 * const me: FetchHandlerFunction = (request) => account.me(request, null);
 */
export type FetchHandlerFunction<Req extends Request = Request> = (request: Req) => unknown;

/**
 * A Fetch API `Response` from one JsonResponse: its status and headers as
 * they are, the body as JSON text serialized once, and its `content-length`.
 *
 * @example
 * return toResponse(jsonResponse({ error: 'gone' }, { status: 410 }));
 */
export function toResponse(response: JsonResponse): Response {
  const { status, headers, body } = serializeResponse(response);
  // A 204, 205 or 304 carries no body, and no content-length of ours.
  if (body === '') return new Response(null, { status, headers });
  // The text as it is, its length counted rather than encoded once more to measure it.
  return new Response(body, { status, headers: { ...headers, 'content-length': String(utf8Length(body)) } });
}

/**
 * A `(request: Request) => Promise<Response>` handler (Hono, Next.js route
 * handlers, Bun, Deno) from a function that returns, sync or async, a
 * JsonResponse (written as is), other data (200 JSON), a `Response` of its
 * own (passed through), or `undefined` (204). A throw or rejection rejects
 * the promise, for the runtime's own error handler.
 *
 * @example
 * export const GET = toHandler((request) => account.me(request, null));
 */
export function toHandler<Req extends Request = Request>(fn: FetchHandlerFunction<Req>): (request: Req) => Promise<Response> {
  return (request) => settle(fn, request, answer);
}

function answer(value: unknown): Response {
  if (value instanceof Response) return value;
  if (value === undefined) return new Response(null, { status: 204 });
  return toResponse(toJsonResponse(value));
}

const refusalResponse = (refusal: unknown): Response | undefined =>
  refusal === undefined ? undefined : toResponse(refusal as JsonResponse);

// `finish` of what `run(request)` gives, as a Promise: a synchronous result
// is settled at once, with no await on the way; a throw rejects it, as an
// async function's would, for the runtime's own error handler.
function settle<Req, T>(run: (request: Req) => unknown, request: Req, finish: (value: unknown) => T): Promise<T> {
  try {
    const value = run(request);
    return isThenable(value) ? (followCall(value, finish, undefined) as Promise<T>) : Promise.resolve(finish(value));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The guard as a Fetch API middleware: it resolves to `undefined` when the
 * request may go on (untouched, its body unread), else to the refusal's
 * `Response`, written as `toHandler` writes it. A check that throws or
 * rejects rejects the promise, for the runtime's own error handler.
 *
 * @example
 * const guard = toMiddleware(loginRequiredAjax());
 * export default { fetch: async (request) => (await guard(request)) ?? app(request) };
 */
export function toMiddleware<Req extends Request = Request>(
  guard: GuardDecorator<any>,
): (request: Req) => Promise<Response | undefined> {
  const check = accessCheck(guard, 'toMiddleware');
  return (request) => settle(check, request, refusalResponse);
}
