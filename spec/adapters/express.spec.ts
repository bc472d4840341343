import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { type GuardDecorator, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { send, toHandler, toMiddleware } from 'ajax-guard/express';
import { expect } from 'chai';
import express, { type ErrorRequestHandler } from 'express';
import session from 'express-session';
import passport from 'passport';
import sinon from 'sinon';
import { type AccountController, APP_ERROR_STATUS, appErrorBody, ROUTED, route } from '../support/account-controller.js';
import { describeFramework, type Harness } from '../support/adapter-suite.js';
import { callerFor } from '../support/callers.js';
import { decoratorMode, inMode } from '../support/decorator-mode.js';
import { statusesOf } from '../support/http-client.js';
import { listen } from '../support/http-server.js';
import { describeMiddleware, type MiddlewareHarness, reachedBody } from '../support/middleware-suite.js';
import { deserializeUser, localStrategy, serializeUser } from '../support/passport.js';
import { signInWithSession } from '../support/sign-in.js';

// The previous major, installed under an alias for these tests.
const express4 = require('express4') as typeof express;

// The app as Express users write it: passport's local strategy over express-session.
function app(framework: typeof express, account: AccountController): express.Express {
  const authenticator = new passport.Passport();
  authenticator.use(localStrategy());
  authenticator.serializeUser(serializeUser);
  authenticator.deserializeUser(deserializeUser);

  const server = framework();
  server.use(framework.json());
  server.use(
    session({
      secret: `express-${decoratorMode}-secret`,
      resave: false,
      saveUninitialized: false,
      cookie: { maxAge: 10 * 60_000 },
    }),
  );
  server.use(authenticator.session());
  server.post('/login', authenticator.authenticate('local'), (_req, res) => {
    res.status(204).end();
  });
  for (const name of ROUTED)
    server.get(
      `/${name}`,
      toHandler((req) => route(account, name, req, req.user)),
    );
  server.get(
    '/answered',
    toHandler((_req, res) => {
      res.status(202).type('text').send('answered by the handler');
    }),
  );
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    res.status(APP_ERROR_STATUS).json(appErrorBody(error));
  };
  server.use(onError);
  return server;
}

// A whole router behind the guard, after a token middleware and a CORS-like `Vary: Origin`.
function guardedApp(framework: typeof express, guard: GuardDecorator<any>): express.Express {
  const server = framework();
  server.use((req, res, next) => {
    (req as { user?: unknown }).user = callerFor(req.headers.authorization);
    res.setHeader('vary', 'Origin');
    next();
  });
  const reached =
    (path: string): express.RequestHandler =>
    (_req, res) => {
      res.set('x-route', 'native').json(reachedBody(path));
    };
  const router = framework.Router();
  router.use(toMiddleware(guard));
  router.get('/data', reached('/private/data'));
  server.use('/private', router);
  server.get('/public', reached('/public'));
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    res.status(APP_ERROR_STATUS).json(appErrorBody(error));
  };
  server.use(onError);
  return server;
}

const middlewareHarness = (framework: typeof express): MiddlewareHarness => ({
  start: (guard) => listen(createServer(guardedApp(framework, guard))),
  toMiddleware,
  appSetsVary: true,
});

const harness = (framework: typeof express): Harness => ({
  start: (account) => listen(createServer(app(framework, account))),
  signIn: signInWithSession,
});

describe(inMode('ajax-guard/express'), () => {
  for (const [version, framework] of [
    ['Express 5', express],
    ['Express 4', express4],
  ] as const) {
    describeFramework(version, 'with passport and express-session', harness(framework));
    describeMiddleware(`toMiddleware(guard) on ${version}`, middlewareHarness(framework));

    describe(`toMiddleware on a case-sensitive ${version} app with a router, as docs/adapters.md sets it up`, () => {
      let server: Awaited<ReturnType<typeof listen>>;
      before(async () => {
        const made = framework();
        made.set('case sensitive routing', true);
        const reached = (path: string) => (_req: express.Request, res: express.Response) => res.json(reachedBody(path));
        // With the router: the guard runs whenever the router is reached.
        const withRouter = framework.Router();
        withRouter.get('/items', reached('/api/items'));
        made.use('/api', toMiddleware(loginRequiredAjax()), withRouter);
        // Inside the router: the guard runs for whatever path the router matches.
        const inside = framework.Router();
        inside.use(toMiddleware(loginRequiredAjax()));
        inside.get('/items', reached('/v2/items'));
        made.use('/v2', inside);
        server = await listen(createServer(made));
      });
      after(() => server.close());

      it('never serves a route of the router, in any letter case, without the guard', async () => {
        const paths = ['/api/items', '/API/items', '/Api/Items', '/v2/items', '/V2/items', '/V2/ITEMS'];
        expect(await statusesOf(server.url, paths)).to.deep.equal([401, 404, 404, 401, 404, 404]);
      });
    });
  }

  describe('toHandler(fn) with a synchronous function', () => {
    function exchange(): { res: ServerResponse; next: sinon.SinonSpy } {
      const req = new IncomingMessage(new Socket());
      return { res: new ServerResponse(req), next: sinon.spy() };
    }

    it('has written the whole answer when it returns', () => {
      const { res, next } = exchange();
      const handler = toHandler(() => ({ ok: true }));
      expect(handler({} as express.Request, res as express.Response, next)).to.equal(undefined);
      expect([res.statusCode, res.getHeader('content-length'), res.writableEnded]).to.deep.equal([200, 11, true]);
      expect(next.called).to.equal(false);
    });

    it('passes a throw to next', () => {
      const { res, next } = exchange();
      const failure = new Error('sync failure');
      toHandler(() => {
        throw failure;
      })({} as express.Request, res as express.Response, next);
      expect(next.calledOnceWithExactly(failure)).to.equal(true);
    });

    it('writes nothing once the function has passed the request on with next', () => {
      const { res, next } = exchange();
      toHandler((_req, _res, pass) => pass('route'))({} as express.Request, res as express.Response, next);
      expect(next.calledOnceWithExactly('route')).to.equal(true);
      expect(res.writableEnded).to.equal(false);
    });
  });

  describe('send(res, response)', () => {
    it('writes a 205 (Reset Content) with no body, even where the handler gave one', () => {
      const res = new ServerResponse(new IncomingMessage(new Socket()));
      const ended: unknown[] = [];
      const end = res.end.bind(res);
      res.end = ((chunk: unknown) => {
        ended.push(chunk);
        return end(chunk as string);
      }) as typeof res.end;
      send(res, jsonResponse({ cleared: true }, { status: 205 }));
      expect([res.statusCode, ended, res.writableEnded]).to.deep.equal([205, [''], true]);
    });

    it('adds its set-cookie to the cookies the app already set', () => {
      const res = new ServerResponse(new IncomingMessage(new Socket()));
      res.setHeader('set-cookie', 'sid=1; HttpOnly');
      send(res, jsonResponse({ ok: true }, { headers: { 'set-cookie': 'seen=1' } }));
      expect(res.getHeader('set-cookie')).to.deep.equal(['sid=1; HttpOnly', 'seen=1']);
    });

    it('writes a 304 with no body and no content-length', () => {
      const res = new ServerResponse(new IncomingMessage(new Socket()));
      send(res, jsonResponse(null, { status: 304 }));
      expect([res.statusCode, res.hasHeader('content-length'), res.writableEnded]).to.deep.equal([304, false, true]);
    });
  });
});
