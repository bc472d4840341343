import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import { toHandler } from 'ajax-guard/koa';
import Koa from 'koa';
import { KoaPassport } from 'koa-passport';
import session from 'koa-session';
import serve from 'koa-static';
import { DemoController } from '../demo-controller.js';
import type { StartDemo } from './demo-server.js';
import { KoaMemoryStore } from './koa-memory-store.js';
import { listen } from './listen.js';
import { deserializeUser, localStrategy, serializeUser } from './passport-local.js';
import { PUBLIC_DIR } from './public-dir.js';
import { newSessionSecret, SESSION_MAX_AGE_MS } from './sessions.js';
import { SCRIPT_TYPE, VENDOR_FILES } from './vendor-files.js';

/** The demo on Koa 3: koa-session (in memory), koa-passport and @koa/router. */
export const startKoa: StartDemo = (options) => {
  const demo = new DemoController('Koa');
  const authenticator = new KoaPassport();
  authenticator.use(localStrategy());
  authenticator.serializeUser(serializeUser);
  authenticator.deserializeUser(deserializeUser);

  const app = new Koa();
  app.keys = [newSessionSecret()];
  // A client that closes the connection as soon as it has a whole file (curl does) ends Koa's
  // file stream early: nobody lost anything, so that one error is not logged.
  app.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE') app.onerror(error);
  });
  app.use(serve(PUBLIC_DIR, { extensions: ['html'] }));
  app.use(session({ store: new KoaMemoryStore(), maxAge: SESSION_MAX_AGE_MS, httpOnly: true, sameSite: 'lax' }, app));
  app.use(bodyParser());
  app.use(authenticator.initialize());
  app.use(authenticator.session());

  const router = new Router();
  router.get(
    '/api/session',
    toHandler((ctx) => demo.session(ctx, ctx.state.user)),
  );
  router.post(
    '/api/login',
    authenticator.authenticate('local'),
    toHandler((ctx) => demo.session(ctx, ctx.state.user)),
  );
  router.post(
    '/api/logout',
    toHandler(async (ctx) => {
      await ctx.logout();
      return demo.session(ctx, null);
    }),
  );
  router.get(
    '/api/items',
    toHandler((ctx) => demo.listItems(ctx)),
  );
  router.delete(
    '/api/items/:id',
    toHandler((ctx) => demo.deleteItem(ctx, ctx.params.id)),
  );
  // Guarded handlers that render HTML through Koa and return nothing; a
  // refusal is what they return instead, for toHandler to write.
  const render = (ctx: Koa.Context) => (html: string) => {
    ctx.type = 'html';
    ctx.body = html;
  };
  router.get(
    '/fragments/items',
    toHandler((ctx) => demo.itemsFragment(ctx, render(ctx))),
  );
  router.get(
    '/account',
    toHandler((ctx) => demo.account(ctx, ctx.state.user, render(ctx))),
  );
  for (const [path, file] of Object.entries(VENDOR_FILES)) {
    router.get(path, (ctx) => {
      ctx.type = SCRIPT_TYPE;
      ctx.body = createReadStream(file);
    });
  }
  app.use(router.routes()).use(router.allowedMethods());

  return listen(createServer(app.callback()), options);
};
