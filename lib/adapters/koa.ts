import type { Context, Next } from 'koa';
import { accessCheck } from '../guard/check-access.js';
import type { GuardDecorator, JsonResponse } from '../index.js';
import { isThenable } from '../internal/is-thenable.js';
import { mergeVary } from '../response/merge-vary.js';
import { serializeResponse, toJsonResponse } from '../serialize/serialize-response.js';

/**
 * What `toHandler` wraps: a Koa middleware that returns its answer.
 *
 * @example
 * const me: KoaHandlerFunction = (ctx) => account.me(ctx, ctx.state.user);
 */
export type KoaHandlerFunction<Ctx extends Context = Context> = (ctx: Ctx, next: Next) => unknown;

/**
 * Writes one JsonResponse through Koa: its status and headers as they are,
 * and the body as JSON text serialized once (Koa sets its `content-length`,
 * and sends none of it for HEAD). A `vary` the app already set (CORS's
 * `Vary: Origin`) is merged with the response's own, and a `set-cookie` is
 * added to the cookies the app set.
 *
 * @example
 * router.get('/health', (ctx) => send(ctx, jsonResponse({ ok: true })));
 */
export function send(ctx: Context, response: JsonResponse): void {
  const { status, headers, body } = serializeResponse(response);
  ctx.status = status;
  for (const [name, value] of Object.entries(headers)) {
    // A cookie joins those the app already set (a session's), never replaces them.
    if (name === 'set-cookie') ctx.append(name, value);
    else ctx.set(name, name === 'vary' ? mergeVary(ctx.response.get('vary'), value) : value);
  }
  // Set after the headers: Koa keeps a content type that is already there.
  ctx.body = body === '' ? null : body;
}

function answer(ctx: Context, value: unknown): void {
  if (value !== undefined) send(ctx, toJsonResponse(value));
  // A body already set (by this function or a later middleware) or a raw
  // response the function took over (`ctx.respond = false`) is its answer.
  else if (ctx.body === undefined && ctx.respond !== false) ctx.status = 204;
}

// Once the response has started, Koa can no longer answer an error, and it
// leaves the connection open (its ctx.onerror only emits): end it, as
// Express does, so the client sees a cut answer instead of waiting forever.
function fail(ctx: Context, error: unknown): never {
  if (ctx.res.headersSent && !ctx.res.writableEnded) ctx.res.destroy();
  throw error;
}

/**
 * A Koa middleware (Koa 2 and 3) from a function that returns, sync or
 * async, a JsonResponse (written as is), other data (200 JSON), or
 * `undefined` (204, unless a body is already set or `ctx.respond` is false).
 * A throw or rejection propagates, as Koa expects, to the app's error
 * handling middleware and `app.on('error')`; when the function had already
 * started writing the response, the connection is ended first.
 *
 * @example
 * router.get('/me', toHandler((ctx) => account.me(ctx, ctx.state.user)));
 */
export function toHandler<Ctx extends Context = Context>(fn: KoaHandlerFunction<Ctx>): (ctx: Ctx, next: Next) => unknown {
  return (ctx, next) => {
    try {
      const value = fn(ctx, next);
      // A synchronous answer is written at once, with no closure made for it.
      if (!isThenable(value)) return answer(ctx, value);
      // One `then` for both outcomes: `answer` only sets fields (Koa writes
      // after the middleware), so it has nothing of its own to fail.
      return Promise.resolve(value).then(
        (settled) => answer(ctx, settled),
        (error: unknown) => fail(ctx, error),
      );
    } catch (error) {
      return fail(ctx, error);
    }
  };
}

/**
 * The guard as Koa middleware (Koa 2 and 3), for a whole router or app: an
 * allowed request goes on with `next()`, untouched; a refusal is written as
 * `toHandler` writes it; a check that throws or rejects propagates, as Koa
 * expects.
 *
 * @example
 * app.use(toMiddleware(loginRequiredAjax()));
 */
export function toMiddleware(guard: GuardDecorator<any>): (ctx: Context, next: Next) => unknown {
  const check = accessCheck(guard, 'toMiddleware');
  return (ctx, next) => {
    const verdict = check(ctx);
    if (verdict === undefined) return next();
    if (!isThenable(verdict)) return send(ctx, verdict);
    return verdict.then((settled) => (settled === undefined ? next() : send(ctx, settled)));
  };
}
