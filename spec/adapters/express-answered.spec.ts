import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { loginRequired, loginRequiredAjax } from 'ajax-guard';
import { toHandler, toMiddleware } from 'ajax-guard/express';
import { expect } from 'chai';
import express, { type ErrorRequestHandler } from 'express';
import sinon from 'sinon';
import { inMode } from '../support/decorator-mode.js';
import { call } from '../support/http-client.js';
import { listen, type RunningServer } from '../support/http-server.js';
import { rawRequest } from '../support/raw-request.js';

// The previous major, installed under an alias for these tests.
const express4 = require('express4') as typeof express;

const ROWS = { rows: Array.from({ length: 50_000 }, (_, i) => ({ i, name: `row ${i}` })) };
const page = loginRequired({ loginUrl: '/login' });

// Handlers that answer through `res` themselves, as Express apps write them.
function app(framework: typeof express, views: string, errors: sinon.SinonSpy): express.Express {
  const server = framework();
  server.use((req, _res, next) => {
    if (req.headers.authorization === 'Bearer ok') (req as { user?: object }).user = { id: 1 };
    next();
  });
  // A template engine that renders later, as one reading its file does.
  server.engine('tpl', (file, _options, done) => {
    setTimeout(() => done(null, `rendered ${path.basename(file)}`), 5);
  });
  server.set('views', views);
  server.set('view engine', 'tpl');
  server.get(
    '/account',
    toHandler(
      page((_req: express.Request, res: express.Response) => {
        res.render('account');
      }),
    ),
  );
  server.get(
    '/file',
    toHandler(
      page((_req: express.Request, res: express.Response) => {
        res.sendFile(path.join(views, 'report.txt'));
      }),
    ),
  );
  server.get(
    '/stream',
    toHandler(
      loginRequiredAjax()((_req: express.Request, res: express.Response) => {
        res.type('text');
        Readable.from(['a', 'b', 'c']).pipe(res);
      }),
    ),
  );
  server.get('/rows', toHandler(loginRequiredAjax()(async (_req: express.Request, res: express.Response) => res.json(ROWS))));
  server.get('/nothing', toHandler(loginRequiredAjax()((_req: express.Request) => undefined)));
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    errors(error);
    res.status(599).end();
  };
  server.use(onError);
  return server;
}

describe(inMode('ajax-guard/express: a handler that answers through res itself'), () => {
  const views = mkdtempSync(path.join(tmpdir(), 'ajax-guard-views-'));
  writeFileSync(path.join(views, 'account.tpl'), 'unused: the engine renders its own text');
  writeFileSync(path.join(views, 'report.txt'), 'the report');
  after(() => rmSync(views, { recursive: true, force: true }));
  const SIGNED_IN = { authorization: 'Bearer ok' };

  for (const [version, framework] of [
    ['Express 5', express],
    ['Express 4', express4],
  ] as const) {
    describe(`on ${version}`, () => {
      let server: RunningServer;
      const errors = sinon.spy();
      before(async () => {
        server = await listen(createServer(app(framework, views, errors)));
      });
      after(() => server.close());
      afterEach(() => {
        expect(errors.called, 'an error reached the app').to.equal(false);
      });

      for (const [route, expected] of [
        ['/account', 'rendered account.tpl'],
        ['/file', 'the report'],
        ['/stream', 'abc'],
      ]) {
        it(`leaves ${route} to answer later through res: no 204 first, no crash`, async () => {
          const { status, body } = await call(`${server.url}${route}`, { headers: SIGNED_IN });
          expect([status, body]).to.deep.equal([200, expected]);
        });
      }

      it('still refuses an anonymous browser with the redirect', async () => {
        const { status, headers } = await rawRequest(server, '/account', { 'sec-fetch-mode': 'navigate' });
        expect([status, headers.location]).to.deep.equal([302, '/login?next=%2Faccount']);
      });

      it('writes nothing more for `return res.json(rows)`: the whole body arrives', async () => {
        const { status, body } = await call(`${server.url}/rows`, { headers: SIGNED_IN });
        expect(status).to.equal(200);
        expect(body).to.equal(JSON.stringify(ROWS));
      });

      it('answers 204 for a handler that does not take res and returns nothing', async () => {
        const { status, body } = await call(`${server.url}/nothing`, { headers: SIGNED_IN });
        expect([status, body]).to.deep.equal([204, '']);
      });
    });
  }

  describe('toMiddleware(guard) whose async check settles after something else answered', () => {
    let server: RunningServer;
    const errors = sinon.spy();
    const unhandled = sinon.spy();
    let settled: Promise<void>;
    before(async () => {
      let settle: () => void = () => {};
      settled = new Promise((resolve) => {
        settle = resolve;
      });
      const server5 = express();
      // A request timeout that answers first, as connect-timeout does.
      server5.use((_req, res, next) => {
        setTimeout(() => res.headersSent || res.status(503).json({ error: 'timeout' }), 20);
        next();
      });
      const slowUser = () =>
        new Promise<undefined>((resolve) =>
          setTimeout(() => {
            resolve(undefined);
            setTimeout(settle, 20);
          }, 60),
        );
      server5.use('/api', toMiddleware(loginRequiredAjax({ getUser: slowUser })));
      server5.get('/api/items', (_req, res) => {
        res.json({ items: [] });
      });
      server5.get('/alive', (_req, res) => {
        res.json({ alive: true });
      });
      const onError: ErrorRequestHandler = (error, _req, res, _next) => {
        errors(error);
        res.status(599).end();
      };
      server5.use(onError);
      process.on('unhandledRejection', unhandled);
      server = await listen(createServer(server5));
    });
    after(async () => {
      process.off('unhandledRejection', unhandled);
      await server.close();
    });

    it('keeps the answer already sent, writes nothing and passes nothing on', async () => {
      const { status, body } = await call(`${server.url}/api/items`);
      expect([status, JSON.parse(body)]).to.deep.equal([503, { error: 'timeout' }]);
      await settled;
      expect(unhandled.called, 'an unhandled rejection').to.equal(false);
      expect(errors.called, 'an error reached the app').to.equal(false);
      expect((await call(`${server.url}/alive`)).status).to.equal(200);
    });
  });
});
