import type { Server } from 'node:http';
import Router from '@koa/router';
import { loginRequiredAjax } from 'ajax-guard';
import { toHandler, toMiddleware } from 'ajax-guard/koa';
import Koa, { type Context, type Middleware, type Next } from 'koa';
import { guardedRoutes } from './controllers.mjs';
import * as scene from './scenario.mjs';

function serve(router: Router): Promise<Server> {
  const app = new Koa();
  app.use(scene.identifyKoa);
  app.use(router.routes());
  return scene.listen(app.callback());
}

const items = (ctx: Context): void => {
  ctx.body = scene.ITEMS;
};
function answer(ctx: Context, status: number, headers: Record<string, string>, body: object): undefined {
  ctx.status = status;
  ctx.set(headers);
  ctx.body = body;
  return undefined;
}

// The idiomatic checks: route middleware that answers ajax-guard's refusals itself.
function requireUser(ctx: Context, next: Next): Promise<unknown> | undefined {
  if (ctx.state.user) return next();
  return answer(ctx, 401, scene.REFUSAL_HEADERS, scene.seedRefusal());
}

const requireStore =
  (delayMs: number): Middleware =>
  async (ctx, next) => {
    if (await scene.storeSays(ctx.state.user, delayMs)) return next();
    return answer(ctx, 401, scene.REFUSAL_HEADERS, scene.seedRefusal());
  };

function requireLogin(ctx: Context, next: Next): Promise<unknown> | undefined {
  if (ctx.state.user) return next();
  if (scene.isScript(ctx.headers, () => ctx.accepts('json', 'html') === 'html')) {
    return answer(ctx, 401, scene.LOGIN_REFUSAL_HEADERS, scene.seedRefusal());
  }
  const { headers, body } = scene.loginRedirect(ctx.originalUrl);
  return answer(ctx, 302, headers, body);
}

function requirePermission(ctx: Context, next: Next): Promise<unknown> | undefined {
  const user = ctx.state.user as scene.User | undefined;
  if (!user) return answer(ctx, 401, scene.REFUSAL_HEADERS, scene.seedRefusal());
  if (!user.permissions.includes(scene.PERMISSION)) return answer(ctx, 403, scene.FORBIDDEN_HEADERS, scene.seedForbidden());
  return next();
}

/** Koa 3 servers (routed by @koa/router), by variant: the bare one serves only the sync route, unchecked. */
export const variants: Record<string, scene.Start> = {
  bare: () => serve(new Router().get(scene.ROUTES.sync, items)),
  'hand-written': () =>
    serve(
      new Router()
        .get(scene.ROUTES.sync, requireUser, items)
        .get(scene.ROUTES.async, requireStore(0), items)
        .get(scene.ROUTES.store, requireStore(scene.STORE_DELAY_MS), items)
        .get(scene.ROUTES.login, requireLogin, items)
        .get(scene.ROUTES.permission, requirePermission, items)
        .get(scene.ROUTES.middleware, requireUser, items),
    ),
  'ajax-guard': () => {
    const router = new Router();
    for (const [route, handler] of Object.entries(guardedRoutes())) router.get(route, toHandler(handler));
    router.get(scene.ROUTES.middleware, toMiddleware(loginRequiredAjax()), items);
    return serve(router);
  },
};
