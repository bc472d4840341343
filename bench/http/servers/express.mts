import { loginRequiredAjax } from 'ajax-guard';
import { toHandler, toMiddleware } from 'ajax-guard/express';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { guardedRoutes } from './controllers.mjs';
import * as scene from './scenario.mjs';

type Signed = Request & { user?: scene.User };

function app(): express.Express {
  const server = express();
  server.use(scene.identifyExpress);
  return server;
}

const items = (_req: Request, res: Response): void => {
  res.json(scene.ITEMS);
};
const refuse = (res: Response): void => {
  res.status(401).set(scene.REFUSAL_HEADERS).json(scene.seedRefusal());
};

// The idiomatic checks: route middleware that answers ajax-guard's refusals itself.
function requireUser(req: Request, res: Response, next: NextFunction): void {
  if ((req as Signed).user) next();
  else refuse(res);
}

const requireStore =
  (delayMs: number): RequestHandler =>
  async (req, res, next) => {
    if (await scene.storeSays((req as Signed).user, delayMs)) next();
    else refuse(res);
  };

function requireLogin(req: Request, res: Response, next: NextFunction): void {
  if ((req as Signed).user) {
    next();
  } else if (scene.isScript(req.headers, () => req.accepts(['json', 'html']) === 'html')) {
    res.status(401).set(scene.LOGIN_REFUSAL_HEADERS).json(scene.seedRefusal());
  } else {
    const { headers, body } = scene.loginRedirect(req.originalUrl);
    res.status(302).set(headers).json(body);
  }
}

function requirePermission(req: Request, res: Response, next: NextFunction): void {
  const user = (req as Signed).user;
  if (!user) refuse(res);
  else if (!user.permissions.includes(scene.PERMISSION)) res.status(403).set(scene.FORBIDDEN_HEADERS).json(scene.seedForbidden());
  else next();
}

/** Express 5 servers, by variant: the bare one serves only the sync route, unchecked. */
export const variants: Record<string, scene.Start> = {
  bare: () => scene.listen(app().get(scene.ROUTES.sync, items)),
  'hand-written': () =>
    scene.listen(
      app()
        .get(scene.ROUTES.sync, requireUser, items)
        .get(scene.ROUTES.async, requireStore(0), items)
        .get(scene.ROUTES.store, requireStore(scene.STORE_DELAY_MS), items)
        .get(scene.ROUTES.login, requireLogin, items)
        .get(scene.ROUTES.permission, requirePermission, items)
        .get(scene.ROUTES.middleware, requireUser, items),
    ),
  'ajax-guard': () => {
    const server = app();
    for (const [route, handler] of Object.entries(guardedRoutes())) server.get(route, toHandler(handler));
    server.get(scene.ROUTES.middleware, toMiddleware(loginRequiredAjax()), items);
    return scene.listen(server);
  },
};
