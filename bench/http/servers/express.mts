import { toHandler } from 'ajax-guard/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { identifyExpress } from '../identity.mjs';
import { ITEMS, REFUSAL_HEADERS, ROUTE, seedRefusal } from '../scenario.mjs';
import { ItemsController } from './controller.mjs';
import { listen, type Start } from './listen.mjs';

function app(): express.Express {
  const server = express();
  server.use(identifyExpress);
  return server;
}

const items = (_req: Request, res: Response): void => {
  res.json(ITEMS);
};

// The idiomatic check: a route middleware that answers the seed's 401 itself.
function requireUser(req: Request, res: Response, next: NextFunction): void {
  if ((req as { user?: object }).user) next();
  else res.status(401).set(REFUSAL_HEADERS).json(seedRefusal());
}

/** Express 5 servers, by variant. */
export const variants: Record<string, Start> = {
  bare: () => listen(app().get(ROUTE, items)),
  'hand-written': () => listen(app().get(ROUTE, requireUser, items)),
  'ajax-guard': () => {
    const controller = new ItemsController();
    return listen(
      app().get(
        ROUTE,
        toHandler((req) => controller.list(req)),
      ),
    );
  },
};
