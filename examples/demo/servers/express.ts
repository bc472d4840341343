import { createServer } from 'node:http';
import { isJsonResponse } from 'ajax-guard';
import { toHandler } from 'ajax-guard/express';
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import { DemoController } from '../demo-controller.js';
import type { User as DemoUser } from '../users.js';
import type { StartDemo } from './demo-server.js';
import { listen } from './listen.js';
import { deserializeUser, localStrategy, serializeUser } from './passport-local.js';
import { PUBLIC_DIR } from './public-dir.js';
import { newSessionSecret, SESSION_MAX_AGE_MS } from './sessions.js';

declare global {
  namespace Express {
    // What passport puts in `req.user`.
    interface User extends DemoUser {}
  }
}

/** The demo on Express 5: express-session (its MemoryStore) and passport. */
export const startExpress: StartDemo = (options) => {
  const demo = new DemoController('Express');
  const authenticator = new passport.Passport();
  authenticator.use(localStrategy());
  authenticator.serializeUser(serializeUser);
  authenticator.deserializeUser(deserializeUser);

  const app = express();
  app.use(express.static(PUBLIC_DIR, { extensions: ['html'] }));
  app.use(express.json());
  app.use(
    session({
      secret: newSessionSecret(),
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', maxAge: SESSION_MAX_AGE_MS },
    }),
  );
  app.use(authenticator.session());

  app.get(
    '/api/session',
    toHandler((req) => demo.session(req, req.user)),
  );
  app.post(
    '/api/login',
    authenticator.authenticate('local'),
    toHandler((req) => demo.session(req, req.user)),
  );
  app.post(
    '/api/logout',
    toHandler(async (req) => {
      await new Promise<void>((resolve, reject) => req.logout((error) => (error ? reject(error) : resolve())));
      return demo.session(req, null);
    }),
  );
  app.get(
    '/api/items',
    toHandler((req) => demo.listItems(req)),
  );
  app.delete(
    '/api/items/:id',
    toHandler((req) => demo.deleteItem(req, req.params.id as string)),
  );
  app.get(
    '/account',
    toHandler((req, res) => {
      // `account` runs only for a signed-in user; anyone else gets the guard's
      // JsonResponse (a redirect, for a browser). The page itself is HTML.
      const answer = demo.account(req, req.user!);
      return isJsonResponse(answer) ? answer : void res.type('html').send(answer.html);
    }),
  );

  return listen(createServer(app), options);
};
