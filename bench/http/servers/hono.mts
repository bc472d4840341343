import { serve } from '@hono/node-server';
import { configure, loginRequiredAjax } from 'ajax-guard';
import { toHandler, toMiddleware } from 'ajax-guard/hono';
import { type Context, Hono, type Next } from 'hono';
import { guardedRoutes } from './controllers.mjs';
import * as scene from './scenario.mjs';

type Env = { Variables: { user: scene.User | undefined } };

// Hono keeps who the caller is in its context's variables: the app tells ajax-guard so.
configure({ getUser: (c) => (c as Context<Env>).get('user') });

function app(): Hono<Env> {
  const server = new Hono<Env>();
  server.use(async (c, next) => {
    const token = c.req.header(scene.TOKEN_HEADER);
    c.set('user', token === scene.TOKENS.user ? scene.USER : token === scene.TOKENS.admin ? scene.ADMIN : undefined);
    await next();
  });
  return server;
}

function listen(server: Hono<Env>): Promise<import('node:http').Server> {
  return new Promise((resolve) => {
    const running = serve({ fetch: server.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(running as import('node:http').Server),
    );
  });
}

// What ajax-guard writes; Hono's own c.json says only application/json.
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const REFUSAL_HEADERS = { ...scene.REFUSAL_HEADERS, ...JSON_TYPE };

const items = (c: Context<Env>) => c.json(scene.ITEMS, 200, JSON_TYPE);

// The idiomatic check: a route middleware that answers ajax-guard's refusal itself.
async function requireUser(c: Context<Env>, next: Next): Promise<Response | undefined> {
  if (c.get('user')) {
    await next();
    return undefined;
  }
  return c.json(scene.seedRefusal(), 401, REFUSAL_HEADERS);
}

/** Hono 4 servers on @hono/node-server, by variant: the bare one serves only the sync route, unchecked. */
export const variants: Record<string, scene.Start> = {
  bare: () => listen(app().get(scene.ROUTES.sync, items)),
  'hand-written': () => listen(app().get(scene.ROUTES.sync, requireUser, items).get(scene.ROUTES.middleware, requireUser, items)),
  'ajax-guard': () => {
    const list = guardedRoutes()[scene.ROUTES.sync] as (c: Context) => unknown;
    return listen(
      app().get(scene.ROUTES.sync, toHandler(list)).get(scene.ROUTES.middleware, toMiddleware(loginRequiredAjax()), items),
    );
  },
};
