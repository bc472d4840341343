import { configure, loginRequiredAjax } from 'ajax-guard';
import { toHandler, toMiddleware } from 'ajax-guard/hono';
import { type Context, Hono, type Next } from 'hono';
import { guardedRoutes } from './controllers.mjs';
import * as scene from './scenario.mjs';

/** What the identity middleware leaves in Hono's context. */
export type Env = { Variables: { user: scene.User | undefined } };

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

/** Serves a Hono app on 127.0.0.1 with an ephemeral port: @hono/node-server, or Bun's own server. */
export type ServeHono = (app: Hono<Env>) => Promise<scene.Listening>;

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

/** Hono 4 servers served by `listen`, by variant: the bare one serves only the sync route, unchecked. */
export function honoVariants(listen: ServeHono): Record<string, scene.Start> {
  return {
    bare: () => listen(app().get(scene.ROUTES.sync, items)),
    'hand-written': () =>
      listen(app().get(scene.ROUTES.sync, requireUser, items).get(scene.ROUTES.middleware, requireUser, items)),
    'ajax-guard': () => {
      const list = guardedRoutes()[scene.ROUTES.sync] as (c: Context) => unknown;
      return listen(
        app().get(scene.ROUTES.sync, toHandler(list)).get(scene.ROUTES.middleware, toMiddleware(loginRequiredAjax()), items),
      );
    },
  };
}
