import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { accessCheck } from '../guard/check-access.js';
import type { GuardDecorator, JsonResponse } from '../index.js';
import { isThenable } from '../internal/is-thenable.js';
import { mergeVary } from '../response/merge-vary.js';
import { serializeResponse, toJsonResponse } from '../serialize/serialize-response.js';

/**
 * What `toHandler` wraps: an Express handler that returns its answer.
 *
 * @example
 * const me: ExpressHandlerFunction = (req) => account.me(req, req.user);
 */
export type ExpressHandlerFunction<Req extends Request = Request, Res extends Response = Response> = (
  req: Req,
  res: Res,
  next: NextFunction,
) => unknown;

/**
 * Writes one JsonResponse through Express (or any Node `ServerResponse`): its
 * status and headers as they are, the body as JSON text serialized once, with
 * its `content-length`. Node's own response is used rather than `res.send`,
 * which would rewrite the content type and add an ETag. A `vary` the app
 * already set (CORS's `Vary: Origin`) is merged with the response's own,
 * and a `set-cookie` is added to the cookies the app set.
 *
 * @example
 * app.use((req, res) => send(res, jsonResponse({ error: 'not found' }, { status: 404 })));
 */
export function send(res: ServerResponse, response: JsonResponse): void {
  const { status, headers, body } = serializeResponse(response);
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) {
    // A cookie joins those the app already set (a session's), never replaces them.
    if (name === 'set-cookie') res.appendHeader(name, value);
    else res.setHeader(name, name === 'vary' ? mergeVary(res.getHeader('vary'), value) : value);
  }
  // A 204, 205 or 304 carries no body, and no content-length of ours.
  if (body !== '') res.setHeader('content-length', Buffer.byteLength(body));
  // Node writes no body for HEAD on its own, and keeps the content-length.
  res.end(body);
}

// Writes what the function returned, unless it answered through `res`
// itself: its headers are out, or it returned `res` (`return
// res.json(rows)`, whose body may still be going out), or it returned
// nothing and declares `res`, as a handler that answers later through it
// does (`res.render`, `res.sendFile`, a stream piped into `res`).
function answer(res: ServerResponse, value: unknown, declaresRes: boolean): void {
  if (value === res || res.headersSent) return;
  if (value !== undefined) send(res, toJsonResponse(value));
  else if (!declaresRes) {
    res.statusCode = 204;
    res.end();
  }
}

/**
 * An Express route handler (Express 4 and 5) from a function that returns,
 * sync or async, a JsonResponse (written as is), other data (200 JSON), or
 * `undefined` (204, unless it passed the request on with `next`, or
 * declares `res`: as in Express, a function that takes `res` answers
 * through it). Nothing is written once the function answered through
 * `res`: its headers are out, or it returned `res`. A throw or rejection
 * goes to `next(err)`, so the app's error handler sees it. A synchronous
 * function is answered synchronously.
 *
 * @example
 * app.get('/me', toHandler((req) => account.me(req, req.user)));
 */
export function toHandler<Req extends Request = Request, Res extends Response = Response>(
  fn: ExpressHandlerFunction<Req, Res>,
): (req: Req, res: Res, next: NextFunction) => void {
  const declaresRes = fn.length >= 2;
  return (req, res, next) => {
    // Once the function has called next, the request belongs to the next handler.
    let passedOn = false;
    const passOn: NextFunction = (error?: unknown) => {
      passedOn = true;
      next(error);
    };
    try {
      const value = fn(req, res, passOn);
      // A synchronous answer is written at once, with no Promise made for it.
      if (!isThenable(value)) {
        if (!passedOn) answer(res, value, declaresRes);
        return;
      }
      Promise.resolve(value)
        .then((settled) => {
          if (!passedOn) answer(res, settled, declaresRes);
        })
        .catch(next);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The guard as Express middleware (Express 4 and 5), for a whole router or
 * app: an allowed request goes on with `next()`, untouched; a refusal is
 * written as `toHandler` writes it; a check that throws or rejects goes to
 * `next(err)`. An async check that settles after something else answered
 * (a timeout middleware's 503) neither writes nor goes on.
 *
 * @example
 * app.use('/api', toMiddleware(loginRequiredAjax()));
 */
export function toMiddleware(guard: GuardDecorator<any>): (req: Request, res: Response, next: NextFunction) => void {
  const check = accessCheck(guard, 'toMiddleware');
  return (req, res, next) => {
    try {
      const verdict = check(req);
      if (verdict === undefined) return next();
      if (!isThenable(verdict)) return send(res, verdict);
      verdict
        .then((settled) => {
          // A response something else already sent (a timeout's 503) takes no late verdict.
          if (res.headersSent) return;
          if (settled === undefined) next();
          else send(res, settled);
        })
        .catch(next);
    } catch (error) {
      next(error);
    }
  };
}
