import { createServer } from 'node:http';
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
import { SCRIPT_TYPE, VENDOR_FILES } from './vendor-files.js';

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
  for (const [path, file] of Object.entries(VENDOR_FILES)) app.get(path, (_req, res) => res.type(SCRIPT_TYPE).sendFile(file));
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
  // Guarded handlers that render HTML through Express and return nothing;
  // a refusal is what they return instead, for toHandler to write.
  app.get(
    '/fragments/items',
    toHandler((req, res) => demo.itemsFragment(req, (html) => res.type('html').send(html))),
  );
  app.get(
    '/account',
    toHandler((req, res) => demo.account(req, req.user!, (html) => res.type('html').send(html))),
  );

  return listen(createServer(app), options);
};
