import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { jsonResponse } from 'ajax-guard';
import { send, toHandler } from 'ajax-guard/express';
import { expect } from 'chai';
import express, { type ErrorRequestHandler } from 'express';
import session from 'express-session';
import passport from 'passport';
import sinon from 'sinon';
import { type AccountController, APP_ERROR_STATUS, appErrorBody, ROUTED, route } from '../support/account-controller.js';
import { describeFramework, type Harness } from '../support/adapter-suite.js';
import { decoratorMode, inMode } from '../support/decorator-mode.js';
import { listen } from '../support/http-server.js';
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
    it('writes a 304 with no body and no content-length', () => {
      const res = new ServerResponse(new IncomingMessage(new Socket()));
      send(res, jsonResponse(null, { status: 304 }));
      expect([res.statusCode, res.hasHeader('content-length'), res.writableEnded]).to.deep.equal([304, false, true]);
    });
  });
});
