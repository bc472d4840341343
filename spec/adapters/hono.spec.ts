import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { configure, type GuardDecorator, jsonResponse, loginRequired, loginRequiredAjax, View } from 'ajax-guard';
import { requestHeader } from 'ajax-guard/adapter';
import * as fetchAdapter from 'ajax-guard/fetch';
import { send, toHandler, toMiddleware } from 'ajax-guard/hono';
import { expect } from 'chai';
import { type Context, Hono } from 'hono';
import { verify } from 'hono/jwt';
import { type AccountController, APP_ERROR_STATUS, appErrorBody, ROUTED, route } from '../support/account-controller.js';
import { describeFramework, type Harness } from '../support/adapter-suite.js';
import { CALLERS, callerFor, credentialsOf } from '../support/callers.js';
import { decoratorMode, inMode } from '../support/decorator-mode.js';
import { serveTokens } from '../support/hono-token.js';
import { call } from '../support/http-client.js';
import { listen, type RunningServer } from '../support/http-server.js';
import { describeMiddleware, type MiddlewareHarness, reachedBody } from '../support/middleware-suite.js';
import { rawRequest } from '../support/raw-request.js';
import { signInWithToken } from '../support/sign-in.js';

const SECRET = `hono-${decoratorMode}-secret`;

// The variables these apps keep on the Context: the signed-in user.
type WithUser = { Variables: { user: unknown } };

const serve = (app: Hono<any>): Promise<RunningServer> => listen(createAdaptorServer({ fetch: app.fetch }) as Server);

// Hono's way to keep the user: a middleware verifies the bearer JWT and
// `c.set('user', payload)`; the default check reads `c.var.user`.
function withJwtUser(app: Hono<WithUser>): void {
  app.use(async (c, next) => {
    const token = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (token !== undefined) {
      const payload = await verify(token, SECRET, 'HS256').catch(() => undefined);
      if (payload !== undefined) c.set('user', payload);
    }
    await next();
  });
}

function app(account: AccountController): Hono<WithUser> {
  const server = new Hono<WithUser>();
  withJwtUser(server);
  serveTokens(server, SECRET);
  for (const name of ROUTED)
    server.get(
      `/${name}`,
      toHandler((c) => route(account, name, c, c.var.user)),
    );
  server.get(
    '/answered',
    toHandler((c) => {
      c.res = new Response('answered by the handler', { status: 202 });
    }),
  );
  server.onError((error, c) => c.json(appErrorBody(error), APP_ERROR_STATUS));
  return server;
}

const harness: Harness = { start: (account) => serve(app(account)), signIn: signInWithToken };

// Whole route groups behind the guard, after a sign-in middleware and a `Vary: Origin` set as CORS does.
function guardedApp(guard: GuardDecorator<any>): Hono<WithUser> {
  const server = new Hono<WithUser>();
  server.use(async (c, next) => {
    const caller = callerFor(c.req.header('authorization'));
    if (caller !== undefined) c.set('user', caller);
    c.header('vary', 'Origin');
    await next();
  });
  server.use('/private/*', toMiddleware(guard));
  const reached = (path: string) => (c: Context) => {
    c.header('x-route', 'native');
    return c.json(reachedBody(path));
  };
  server.get('/private/data', reached('/private/data'));
  server.get('/public', reached('/public'));
  server.onError((error, c) => c.json(appErrorBody(error), APP_ERROR_STATUS));
  return server;
}

const middlewareHarness: MiddlewareHarness = { start: (guard) => serve(guardedApp(guard)), toMiddleware, appSetsVary: true };

class Greeting extends View {
  get(_request: unknown): { readonly hello: string } {
    return { hello: 'world' };
  }
}

describe(inMode('ajax-guard/hono'), () => {
  describeFramework('Hono 4, served by @hono/node-server', 'with a JWT middleware that sets c.var.user', harness);
  describeMiddleware('toMiddleware(guard), served by @hono/node-server', middlewareHarness);

  describe("a @hono/node-server app, whose c.req.raw is node-server's lightweight Request", () => {
    const SIGNED_IN = credentialsOf(CALLERS[0]);
    const NAVIGATION = { accept: 'text/html,application/xhtml+xml', 'sec-fetch-mode': 'navigate' };
    let server: RunningServer;
    // The Fetch adapter's handlers see c.req.raw only: the app says how to find its user.
    beforeEach(() =>
      configure({ isAuthenticated: (request) => callerFor(requestHeader(request, 'authorization')) !== undefined }),
    );
    before(async () => {
      const page = loginRequired({ loginUrl: '/login' });
      const onRaw = {
        page: fetchAdapter.toHandler(page(() => ({ page: 'account' }))),
        view: fetchAdapter.toHandler(loginRequiredAjax()(Greeting.asView())),
      };
      const hono = new Hono();
      hono.get('/raw/account', (c) => onRaw.page(c.req.raw));
      hono.get('/raw/greeting', (c) => onRaw.view(c.req.raw));
      hono.get('/account', toHandler(page(() => ({ page: 'account' }))));
      hono.get('/greeting', toHandler(loginRequiredAjax()(Greeting.asView())));
      server = await serve(hono);
    });
    after(() => server.close());

    for (const prefix of ['/raw', '']) {
      const through = prefix === '' ? 'ajax-guard/hono over c' : 'ajax-guard/fetch over c.req.raw';
      describe(`through ${through}`, () => {
        it("redirects a browser's navigation to a loginRequired route to the login page", async () => {
          const { status, headers } = await rawRequest(server, `${prefix}/account`, NAVIGATION);
          expect(status).to.equal(302);
          expect(headers.location).to.equal(`/login?next=${encodeURIComponent(`${prefix}/account`)}`);
        });

        it("answers a script's anonymous call with the 401", async () => {
          expect((await call(`${server.url}${prefix}/account`, { headers: { accept: 'application/json' } })).status).to.equal(
            401,
          );
        });

        it('serves a signed-in request to a guarded View', async () => {
          const { status, body } = await call(`${server.url}${prefix}/greeting`, { headers: SIGNED_IN });
          expect([status, body]).to.deep.equal([200, '{"hello":"world"}']);
        });
      });
    }
  });

  describe('toHandler(fn) when fn returns a Response of its own', () => {
    it('passes it through as it is', async () => {
      const hono = new Hono();
      hono.get(
        '/',
        toHandler((c) => c.text('made by Hono', 418)),
      );
      const response = await hono.request('/');
      expect([response.status, await response.text()]).to.deep.equal([418, 'made by Hono']);
    });
  });

  describe('send(c, response)', () => {
    const answer = (handler: (c: Context) => Response) => {
      const hono = new Hono();
      hono.get('/', handler);
      return hono.request('/');
    };

    it('writes a 304 with no body and no content-length', async () => {
      const response = await answer((c) => send(c, jsonResponse(null, { status: 304 })));
      expect([response.status, response.headers.get('content-length'), response.body]).to.deep.equal([304, null, null]);
    });

    it('adds its set-cookie to the cookies the app already set on c', async () => {
      const response = await answer((c) => {
        c.header('set-cookie', 'sid=1; HttpOnly', { append: true });
        return send(c, jsonResponse({ ok: true }, { headers: { 'set-cookie': 'seen=1' } }));
      });
      expect(response.headers.getSetCookie()).to.deep.equal(['sid=1; HttpOnly', 'seen=1']);
    });

    it('writes a 205 (Reset Content) with no body, which a Response cannot have', async () => {
      const response = await answer((c) => send(c, jsonResponse(null, { status: 205 })));
      expect([response.status, response.body]).to.deep.equal([205, null]);
    });

    it('keeps the headers the app set on c, under its own', async () => {
      const response = await answer((c) => {
        c.header('x-request-id', 'r-1');
        c.header('cache-control', 'public');
        return send(c, jsonResponse({ ok: true }, { headers: { 'cache-control': 'no-store' } }));
      });
      expect(response.headers.get('x-request-id')).to.equal('r-1');
      expect(response.headers.get('cache-control')).to.equal('no-store');
      expect(await response.text()).to.equal('{"ok":true}');
    });

    it('merges a vary the app set with its own', async () => {
      const response = await answer((c) => {
        c.header('vary', 'Origin');
        return send(c, jsonResponse({ ok: true }, { headers: { vary: 'Accept, origin' } }));
      });
      expect(response.headers.get('vary')).to.equal('Origin, Accept');
    });

    it('turns a body JSON cannot hold into a 500 with no stack', async () => {
      const response = await answer((c) => send(c, jsonResponse({ count: 1n })));
      expect(response.status).to.equal(500);
      expect(JSON.parse(await response.text())).to.include({ status: '500', errorcode: 'SERIALIZATION_FAILED' });
    });
  });
});
