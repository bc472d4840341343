import type { Context, MiddlewareHandler } from 'hono';
import { accessCheck } from '../guard/check-access.js';
import { followCall } from '../guard/follow-call.js';
import type { GuardDecorator, JsonResponse } from '../index.js';
import { isThenable } from '../internal/is-thenable.js';
import { utf8Length } from '../internal/utf8-length.js';
import { mergeVary } from '../response/merge-vary.js';
import { serializeResponse, toJsonResponse } from '../serialize/serialize-response.js';

/**
 * What `toHandler` wraps: a Hono handler that returns its answer.
 *
 * @example
 * const me: HonoHandlerFunction = (c) => account.me(c, c.var.user);
 */
export type HonoHandlerFunction<C extends Context = Context> = (c: C) => unknown;

/**
 * Writes one JsonResponse through Hono's Context and returns the `Response`
 * to hand back to Hono: its status and headers as they are, over the
 * headers the app already set on `c` (a `vary` among them, such as CORS's
 * `Vary: Origin`, is merged with the response's own, and a `set-cookie` is
 * added to the cookies the app set), and the body as JSON
 * text serialized once, with its `content-length`.
 *
 * @example
 * app.notFound((c) => send(c, jsonResponse({ error: 'not found' }, { status: 404 })));
 */
export function send(c: Context, response: JsonResponse): Response {
  const { status, headers, body } = serializeResponse(response);
  const names = Object.keys(headers);
  // A handler's data, whose one header is its content type, which Hono never
  // copies from `c.res`: handed to Hono as `c.json` hands it, which spares
  // a WHATWG Headers object (@hono/node-server writes the record as it is).
  if (names.length === 1 && names[0] === 'content-type' && body !== '' && c.req.method !== 'HEAD') {
    return c.newResponse(body, status as 200, { 'content-type': headers['content-type'] as string });
  }
  // Set on `c` itself, so that Hono, which copies the headers of `c.res`
  // over a handler's Response, finds the same values there.
  for (const name of names) {
    const value = headers[name] as string;
    // A cookie joins those the app already set (a session's), never replaces them.
    if (name === 'set-cookie') c.header(name, value, { append: true });
    else c.header(name, name === 'vary' ? mergeVary(c.res.headers.get('vary'), value) : value);
  }
  // A 204, 205 or 304 carries no body, and no content-length of ours.
  if (body === '') return c.newResponse(null, status as 204);
  // The text as it is, which the runtime measures and @hono/node-server
  // writes without copying; a HEAD answer, whose body Hono drops, says its length.
  if (c.req.method === 'HEAD') c.header('content-length', String(utf8Length(body)));
  return c.newResponse(body, status as 200);
}

function answer(c: Context, value: unknown): Response {
  if (value instanceof Response) return value;
  if (value !== undefined) return send(c, toJsonResponse(value));
  // A function that answered through `c` (`c.res = ...`) has its answer kept.
  return c.finalized ? c.res : c.body(null, 204);
}

// `answer` as `followCall` calls it, with the Context as its context.
const answerLater = (settled: unknown, c: Context): Response => answer(c, settled);

/**
 * A Hono handler (on Node with @hono/node-server, Bun, Deno, edge runtimes)
 * from a function of the Context `c` that returns, sync or async, a
 * JsonResponse (written as is), other data (200 JSON), a `Response` of its
 * own (passed through), or `undefined` (204, unless it already answered
 * through `c`). A throw or rejection reaches the app's `onError`.
 *
 * @example
 * app.get('/me', toHandler((c) => account.me(c, c.var.user)));
 */
export function toHandler<C extends Context = Context>(fn: HonoHandlerFunction<C>): (c: C) => Response | Promise<Response> {
  return (c) => {
    const value = fn(c);
    // Answered at once when synchronous: no Promise made for it.
    if (!isThenable(value)) return answer(c, value);
    return followCall(value, answerLater, c) as Promise<Response>;
  };
}

/**
 * The guard as Hono middleware, for whole apps and route groups: an allowed
 * request goes on with `next()`, untouched; a refusal is written as
 * `toHandler` writes it; a check that throws or rejects reaches the app's
 * `onError`. The default check reads `c.var.user`, set by `c.set('user', ...)`.
 *
 * @example
 * app.use('/api/*', toMiddleware(loginRequiredAjax()));
 */
export function toMiddleware(guard: GuardDecorator<any>): MiddlewareHandler {
  const check = accessCheck(guard, 'toMiddleware');
  return async (c, next) => {
    const refusal = await check(c);
    if (refusal !== undefined) return send(c, refusal);
    await next();
  };
}
