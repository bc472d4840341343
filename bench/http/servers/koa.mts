import Router from '@koa/router';
import { toHandler } from 'ajax-guard/koa';
import Koa, { type Context, type Next } from 'koa';
import { identifyKoa } from '../identity.mjs';
import { ITEMS, REFUSAL_HEADERS, ROUTE, seedRefusal } from '../scenario.mjs';
import { ItemsController } from './controller.mjs';
import { listen, type Start } from './listen.mjs';

function serve(router: Router): Promise<import('node:http').Server> {
  const app = new Koa();
  app.use(identifyKoa);
  app.use(router.routes());
  return listen(app.callback());
}

const items = (ctx: Context): void => {
  ctx.body = ITEMS;
};

// The idiomatic check: a route middleware that answers the seed's 401 itself.
function requireUser(ctx: Context, next: Next): Promise<unknown> | undefined {
  if (ctx.state.user) return next();
  ctx.status = 401;
  ctx.set(REFUSAL_HEADERS);
  ctx.body = seedRefusal();
  return undefined;
}

/** Koa 3 servers (routed by @koa/router), by variant. */
export const variants: Record<string, Start> = {
  bare: () => serve(new Router().get(ROUTE, items)),
  'hand-written': () => serve(new Router().get(ROUTE, requireUser, items)),
  'ajax-guard': () => {
    const controller = new ItemsController();
    return serve(
      new Router().get(
        ROUTE,
        toHandler((ctx) => controller.list(ctx)),
      ),
    );
  },
};
