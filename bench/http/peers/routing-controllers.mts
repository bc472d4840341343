import type { Server } from 'node:http';
import express from 'express';
import Koa from 'koa';
import { type Action, Authorized, Get, JsonController, useExpressServer, useKoaServer } from 'routing-controllers';
import { ITEMS, identifyExpress, identifyKoa, listen, ROUTES, type Start } from '../servers/scenario.mjs';

// The idiomatic routing-controllers check: `@Authorized()` with an
// authorizationChecker; its error handler answers with its own 401 body.
@JsonController()
class ItemsController {
  @Authorized()
  @Get(ROUTES.sync)
  list() {
    return ITEMS;
  }
}

const options = {
  controllers: [ItemsController],
  classTransformer: false,
  validation: false,
};

/** routing-controllers 0.11 with `@Authorized()`, on each framework it drives, by framework. */
export const frameworks: Record<string, Start> = {
  express: (): Promise<Server> => {
    const app = express();
    app.use(identifyExpress);
    useExpressServer(app, { ...options, authorizationChecker: (action: Action) => Boolean(action.request.user) });
    return listen(app);
  },
  koa: (): Promise<Server> => {
    const app = new Koa();
    app.use(identifyKoa);
    useKoaServer(app, { ...options, authorizationChecker: (action: Action) => Boolean(action.context.state.user) });
    return listen(app.callback());
  },
};
