import { createServer } from 'node:http';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import { type GuardDecorator, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { send, toHandler, toMiddleware } from 'ajax-guard/koa';
import { expect } from 'chai';
import Koa from 'koa';
import koaPassport from 'koa-passport';
import session from 'koa-session';
import { AccountController, APP_ERROR_STATUS, appErrorBody, ROUTED, route } from '../support/account-controller.js';
import { describeFramework, type Harness } from '../support/adapter-suite.js';
import { callerFor } from '../support/callers.js';
import { decoratorMode, inMode } from '../support/decorator-mode.js';
import { call, statusesOf } from '../support/http-client.js';
import { listen } from '../support/http-server.js';
import { describeMiddleware, type MiddlewareHarness, reachedBody } from '../support/middleware-suite.js';
import { deserializeUser, localStrategy, serializeUser } from '../support/passport.js';
import { rejectionOf } from '../support/promises.js';
import { signInWithSession } from '../support/sign-in.js';

// The previous major, installed under an alias for these tests.
const Koa2 = require('koa2') as typeof Koa;

// The app's error handling middleware, first in line.
const answerErrors: Koa.Middleware = async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    ctx.status = APP_ERROR_STATUS;
    ctx.body = appErrorBody(error);
  }
};

// The app as Koa users write it: koa-passport's local strategy over koa-session.
function app(Framework: typeof Koa, account: AccountController): Koa {
  const authenticator = new koaPassport.KoaPassport();
  authenticator.use(localStrategy());
  authenticator.serializeUser(serializeUser);
  authenticator.deserializeUser(deserializeUser);

  const server = new Framework();
  server.keys = [`koa-${decoratorMode}-secret`];
  server.use(answerErrors);
  server.use(session({ maxAge: 10 * 60_000 }, server));
  server.use(bodyParser());
  server.use(authenticator.initialize());
  server.use(authenticator.session());

  const router = new Router();
  router.post('/login', authenticator.authenticate('local'), (ctx) => {
    ctx.status = 204;
  });
  for (const name of ROUTED)
    router.get(
      `/${name}`,
      toHandler((ctx) => route(account, name, ctx, ctx.state.user)),
    );
  router.get(
    '/answered',
    toHandler((ctx) => {
      ctx.status = 202;
      ctx.body = 'answered by the handler';
    }),
  );
  router.get('/sent', (ctx) => send(ctx, jsonResponse(null, { status: 304 })));
  router.get('/cookie', (ctx) => {
    ctx.cookies.set('sid', '1');
    send(ctx, jsonResponse({ ok: true }, { headers: { 'set-cookie': 'seen=1' } }));
  });
  router.get(
    '/raw',
    toHandler((ctx) => {
      ctx.respond = false;
      ctx.res.writeHead(203, { 'content-type': 'text/plain' }).end('written raw');
    }),
  );
  router.get(
    '/partial',
    toHandler(async (ctx) => {
      ctx.status = 200;
      ctx.flushHeaders();
      ctx.res.write('partial');
      throw new Error('failed after a partial write');
    }),
  );
  server.use(router.routes());
  return server;
}

// A whole router behind the guard, after a token middleware and a CORS-like `Vary: Origin`.
function guardedApp(Framework: typeof Koa, guard: GuardDecorator<any>): Koa {
  const server = new Framework();
  server.use(answerErrors);
  server.use((ctx, next) => {
    ctx.state.user = callerFor(ctx.get('authorization'));
    ctx.vary('Origin');
    return next();
  });
  const reached = (path: string) => (ctx: Koa.Context) => {
    ctx.set('x-route', 'native');
    ctx.body = reachedBody(path);
  };
  // Case-sensitive, as docs/adapters.md asks of a prefixed router behind one guard.
  const guarded = new Router({ prefix: '/private', sensitive: true });
  guarded.use(toMiddleware(guard));
  guarded.get('/data', reached('/private/data'));
  const open = new Router();
  open.get('/public', reached('/public'));
  server.use(guarded.routes()).use(open.routes());
  return server;
}

const middlewareHarness = (Framework: typeof Koa): MiddlewareHarness => ({
  start: (guard) => listen(createServer(guardedApp(Framework, guard).callback())),
  toMiddleware,
  appSetsVary: true,
});

const harness = (Framework: typeof Koa): Harness => ({
  start: (account) => listen(createServer(app(Framework, account).callback())),
  signIn: signInWithSession,
});

describe(inMode('ajax-guard/koa'), () => {
  for (const [version, Framework] of [
    ['Koa 3', Koa],
    ['Koa 2', Koa2],
  ] as const) {
    describeFramework(version, 'with koa-passport and koa-session', harness(Framework));
    describeMiddleware(`toMiddleware(guard) on ${version}`, middlewareHarness(Framework));
  }

  describe('toMiddleware on a prefixed @koa/router, as docs/adapters.md sets it up', () => {
    let server: Awaited<ReturnType<typeof listen>>;
    before(async () => {
      const koa = new Koa();
      const caseSensitive = new Router({ prefix: '/api', sensitive: true });
      caseSensitive.use(toMiddleware(loginRequiredAjax()));
      caseSensitive.get('/items', (ctx) => {
        ctx.body = reachedBody('/api/items');
      });
      const perRoute = new Router({ prefix: '/v2' });
      perRoute.get('/items', toMiddleware(loginRequiredAjax()), (ctx) => {
        ctx.body = reachedBody('/v2/items');
      });
      koa.use(caseSensitive.routes()).use(perRoute.routes());
      server = await listen(createServer(koa.callback()));
    });
    after(() => server.close());

    it('never serves a route of the router, in any letter case, without the guard', async () => {
      const paths = ['/api/items', '/API/items', '/Api/Items', '/v2/items', '/V2/items', '/V2/ITEMS'];
      expect(await statusesOf(server.url, paths)).to.deep.equal([401, 404, 404, 401, 401, 401]);
    });
  });

  describe('on a Koa server', () => {
    let server: Awaited<ReturnType<Harness['start']>>;
    before(async () => {
      server = await harness(Koa).start(new AccountController());
    });
    after(() => server.close());

    describe('when the function took the response over (ctx.respond = false) and returns undefined', () => {
      it('leaves it alone', async () => {
        const { status, body } = await call(`${server.url}/raw`);
        expect([status, body]).to.deep.equal([203, 'written raw']);
      });
    });

    describe('when the function fails after it has started writing the response', () => {
      it('cuts the connection, so the client never takes a half-written answer for a whole one, then serves the next request', async () => {
        const failure = await rejectionOf(call(`${server.url}/partial`));
        expect(failure).to.be.instanceOf(TypeError);
        expect((await call(`${server.url}/raw`)).status).to.equal(203);
      });
    });

    describe('send(ctx, response) with a 304', () => {
      it('writes no body and no content-length', async () => {
        const { status, headers, body } = await call(`${server.url}/sent`);
        expect([status, body, headers.get('content-length')]).to.deep.equal([304, '', null]);
      });
    });

    describe('send(ctx, response) with a set-cookie', () => {
      it('adds it to the cookies the app already set', async () => {
        const { headers } = await call(`${server.url}/cookie`);
        expect(headers.getSetCookie()).to.deep.equal(['sid=1; path=/; httponly', 'seen=1']);
      });
    });
  });
});
