import { createServer } from 'node:http';
import Router from '@koa/router';
import { configure, JSONResponseMixin, loginRequired, RequireSignInAjax, View } from 'ajax-guard';
import * as expressAdapter from 'ajax-guard/express';
import * as fastifyAdapter from 'ajax-guard/fastify';
import * as koaAdapter from 'ajax-guard/koa';
import { expect } from 'chai';
import express from 'express';
import Fastify from 'fastify';
import Koa from 'koa';
import { DEFAULT_401_JSON, PINNED_NOW_MS } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { call } from '../support/http-client.js';
import { listen, type RunningServer } from '../support/http-server.js';
import { rawRequest } from '../support/raw-request.js';

// the original snippet's last example, in TypeScript.
class MyView extends RequireSignInAjax(JSONResponseMixin(View)) {
  get() {
    return this.renderToResponse(this.getContextData({ page: 'mine' }));
  }
}

// A page for browsers, negotiated: HTML navigations are sent to log in, scripts get the 401 JSON.
const accountPage = loginRequired({ loginUrl: '/login' })((_request: unknown) => ({ account: 'yours' }));

// Each framework's app, as its users write it: a hook that says who the user is
// (the `x-user` header stands in for a session), and the routes.
const FRAMEWORKS: Record<string, () => Promise<RunningServer>> = {
  'Express 5': async () => {
    const { toHandler } = expressAdapter;
    const app = express();
    app.use((req, _res, next) => {
      if (req.headers['x-user']) Object.assign(req, { user: { name: req.headers['x-user'] } });
      next();
    });
    app.all('/my', toHandler(MyView.asView()));
    app.get('/{*path}', toHandler(accountPage));
    return listen(createServer(app));
  },
  'Koa 3': async () => {
    const { toHandler } = koaAdapter;
    const app = new Koa();
    const router = new Router();
    app.use(async (ctx, next) => {
      if (ctx.get('x-user')) ctx.state.user = { name: ctx.get('x-user') };
      await next();
    });
    router.all('/my', toHandler(MyView.asView()));
    router.get(/.*/, toHandler(accountPage));
    app.use(router.routes());
    return listen(createServer(app.callback()));
  },
  'Fastify 5': async () => {
    const { toHandler } = fastifyAdapter;
    const app = Fastify();
    app.addHook('onRequest', async (request) => {
      const name = request.headers['x-user'];
      if (name) Object.assign(request, { user: { name } });
    });
    app.route({
      method: ['GET', 'HEAD', 'POST', 'OPTIONS'],
      url: '/my',
      exposeHeadRoute: false,
      handler: toHandler(MyView.asView()),
    });
    app.get('/*', toHandler(accountPage));
    await app.ready();
    return listen(app.server);
  },
};

const asUser = { 'x-user': 'alice' };
const HTML_NAVIGATION = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const VARY = 'Accept, X-Requested-With, Sec-Fetch-Mode, HX-Request';

describe(inMode("the original snippet's MyView and a loginRequired page, over real HTTP"), () => {
  for (const [framework, start] of Object.entries(FRAMEWORKS)) {
    describe(`on ${framework}`, () => {
      let server: RunningServer;
      before(async () => {
        server = await start();
      });
      after(() => server.close());
      beforeEach(() => configure({ clock: () => PINNED_NOW_MS }));

      describe('MyView', () => {
        it('answers an anonymous GET with the default 401, byte for byte', async () => {
          const answer = await call(`${server.url}/my`);
          expect(answer.status).to.equal(401);
          expect(answer.body).to.equal(DEFAULT_401_JSON);
          expect(answer.headers.get('www-authenticate')).to.equal('Session');
        });

        it("answers a user's GET with the context data as JSON", async () => {
          const answer = await call(`${server.url}/my`, { headers: asUser });
          expect(answer.status).to.equal(200);
          expect(answer.body).to.equal('{"page":"mine"}');
          expect(answer.headers.get('content-type')).to.equal('application/json; charset=utf-8');
        });

        it("answers a user's HEAD like GET, with no body", async () => {
          const answer = await call(`${server.url}/my`, { method: 'HEAD', headers: asUser });
          expect(answer.status).to.equal(200);
          expect(answer.body).to.equal('');
          expect(answer.headers.get('content-length')).to.equal(String('{"page":"mine"}'.length));
        });

        it("answers a user's POST, which the view does not define, with 405 and allow", async () => {
          const answer = await call(`${server.url}/my`, { method: 'POST', headers: asUser });
          expect(answer.status).to.equal(405);
          expect(answer.headers.get('allow')).to.equal('GET, HEAD, OPTIONS');
          expect(JSON.parse(answer.body)).to.include({ status: '405', errorcode: 'METHOD_NOT_ALLOWED' });
        });

        it('refuses an anonymous POST before any 405: the guard is on dispatch', async () => {
          expect((await call(`${server.url}/my`, { method: 'POST' })).status).to.equal(401);
        });
      });

      describe('a loginRequired page', () => {
        it('redirects a browser navigation to the login page, with next set to its own path and query', async () => {
          const answer = await rawRequest(server, '/account?tab=keys', { ...HTML_NAVIGATION, 'sec-fetch-mode': 'navigate' });
          expect(answer.status).to.equal(302);
          expect(answer.headers.location).to.equal('/login?next=%2Faccount%3Ftab%3Dkeys');
          expect(answer.headers.vary).to.equal(VARY);
        });

        it('answers a script with the 401 JSON, and the same vary', async () => {
          const answer = await call(`${server.url}/account`, {
            headers: { ...HTML_NAVIGATION, 'x-requested-with': 'XMLHttpRequest' },
          });
          expect(answer.status).to.equal(401);
          expect(answer.body).to.equal(DEFAULT_401_JSON);
          expect(answer.headers.get('vary')).to.equal(VARY);
        });

        it('keeps next on this site whatever Host and X-Forwarded-Host say', async () => {
          const headers = { ...HTML_NAVIGATION, host: 'evil.example', 'x-forwarded-host': 'evil.example' };
          const answer = await rawRequest(server, '/account', headers);
          expect(answer.headers.location).to.equal('/login?next=%2Faccount');
        });

        for (const crafted of [
          '//evil.example/x',
          '/\\evil.example/x',
          '/%2F%2Fevil.example',
          '/..//evil.example/x',
          '/%2e%2e//evil.example',
        ]) {
          it(`keeps next a path on this site for the crafted path ${crafted}`, async () => {
            const answer = await rawRequest(server, crafted, HTML_NAVIGATION);
            if (answer.status !== 302) return expect(answer.status).to.be.oneOf([400, 404]);
            const next = new URL(answer.headers.location as string, 'http://site.example').searchParams.get('next') as string;
            expect(next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')).to.equal(true, next);
            expect(new URL(next, 'http://site.example').host).to.equal('site.example');
            // Already resolved: a later redirect to it cannot become `//evil.example`.
            expect(new URL(next, 'http://site.example').pathname.startsWith('//')).to.equal(false, next);
          });
        }
      });
    });
  }
});
