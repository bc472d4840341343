/**
 * How every variant learns who the caller is: one tiny hook per framework,
 * the same in each of its variants (peers included), so that the variants
 * differ only in the check. A request carrying the token gets `USER` as
 * `req.user` (Express), `ctx.state.user` (Koa) or `request.user` (Fastify).
 */
import type { NextFunction, Request, Response } from 'express';
import type { FastifyInstance } from 'fastify';
import type { Context, Next } from 'koa';
import { TOKEN, TOKEN_HEADER, USER } from './scenario.mjs';

type Headers = { readonly [name: string]: string | string[] | undefined };

const carriesToken = (headers: Headers): boolean => headers[TOKEN_HEADER] === TOKEN;

/** Express middleware. */
export function identifyExpress(req: Request, _res: Response, next: NextFunction): void {
  if (carriesToken(req.headers)) (req as { user?: object }).user = USER;
  next();
}

/** Koa middleware. */
export function identifyKoa(ctx: Context, next: Next): Promise<unknown> {
  if (carriesToken(ctx.headers)) ctx.state.user = USER;
  return next();
}

/** Fastify onRequest hook, with `user` declared (null) as Fastify asks of request properties. */
export function identifyFastify(app: FastifyInstance): FastifyInstance {
  app.decorateRequest('user', null);
  app.addHook('onRequest', (request, _reply, done) => {
    if (carriesToken(request.headers)) (request as { user?: object | null }).user = USER;
    done();
  });
  return app;
}
