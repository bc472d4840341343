import { createServer } from 'node:http';
import { type JsonResponse, jsonResponse, loginRequired, RequireSignInAjax, View } from 'ajax-guard';
import { toHandler } from 'ajax-guard/express';
import { expect } from 'chai';
import express from 'express';
import { DEFAULT_401_JSON, pinClock } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { call } from '../support/http-client.js';
import { listen, type RunningServer } from '../support/http-server.js';
import { rawRequest } from '../support/raw-request.js';

const express4 = require('express4') as typeof express;
const cors = require('cors') as (options: object) => express.RequestHandler;

const VARY = 'Accept, X-Requested-With, Sec-Fetch-Mode, HX-Request';
const CHROME = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const NAVIGATION = { accept: CHROME, 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
const ORIGIN = 'https://app.example';

// A page that renders HTML through Express itself and returns nothing, so
// the adapter leaves the answer alone; and a fragment htmx loads into it.
const account = loginRequired({ loginUrl: '/login' })((req: express.Request, res: express.Response) => {
  res.type('html').send(`<h1>Hello ${(req as { user?: { name: string } }).user?.name}</h1>`);
  return undefined;
});
const cart = loginRequired({ loginUrl: '/login?next=/' })((_req: express.Request) => jsonResponse({ items: 2 }));

class Items extends RequireSignInAjax(View) {
  delete(): JsonResponse {
    return jsonResponse(null, { status: 204 });
  }
}

function app(make: typeof express): express.Express {
  const served = make();
  served.use((req, _res, next) => {
    if (req.headers['x-user']) Object.assign(req, { user: { name: req.headers['x-user'] } });
    next();
  });
  served.get('/account', toHandler(account));
  served.get('/fragments/cart', toHandler(cart));
  // The CORS headers are the app's; the view answers the preflight itself.
  served.all('/items', cors({ origin: ORIGIN, credentials: true, preflightContinue: true }), toHandler(Items.asView()));
  // Every other path is a page too, so a crafted target reaches the guard.
  served.use(toHandler(account));
  return served;
}

const EXPRESSES: Record<string, typeof express> = { 'Express 5': express, 'Express 4': express4 };

describe(inMode('loginRequired and a guarded view over real HTTP'), () => {
  for (const [name, make] of Object.entries(EXPRESSES)) {
    describe(`on ${name}`, () => {
      let server: RunningServer;
      before(async () => {
        server = await listen(createServer(app(make)));
      });
      after(() => server.close());
      beforeEach(pinClock);

      describe("a browser's navigation", () => {
        it('is redirected to the login page, with next and vary', async () => {
          const answer = await rawRequest(server, '/account?tab=keys', NAVIGATION);
          expect(answer.status).to.equal(302);
          expect(answer.headers).to.include({
            location: '/login?next=%2Faccount%3Ftab%3Dkeys',
            vary: VARY,
            'cache-control': 'no-store',
          });
        });

        it('resolves dot-segments in next before collapsing slashes, as a browser would', async () => {
          const targets = { '/..//evil.example/x': '/evil.example/x', '/%2e%2e//evil.example?a=1': '/evil.example?a=1' };
          for (const [target, next] of Object.entries(targets)) {
            const answer = await rawRequest(server, target, NAVIGATION);
            expect(answer.status, target).to.equal(302);
            expect(answer.headers.location, target).to.equal(`/login?next=${encodeURIComponent(next)}`);
          }
        });

        it('reaches the page once signed in, rendered as HTML by Express', async () => {
          const answer = await rawRequest(server, '/account', { ...NAVIGATION, 'x-user': 'alice' });
          expect(answer.status).to.equal(200);
          expect(answer.headers['content-type']).to.match(/^text\/html/);
          expect(answer.body).to.equal('<h1>Hello alice</h1>');
        });
      });

      describe("a script's fetch that asks for HTML (Sec-Fetch-Mode: cors)", () => {
        it('gets the 401 JSON, never a redirect to follow into a login page', async () => {
          const answer = await call(`${server.url}/account`, { headers: { accept: 'text/html' } });
          expect(answer.status).to.equal(401);
          expect(answer.body).to.equal(DEFAULT_401_JSON);
          expect(answer.headers.get('location')).to.equal(null);
          expect(answer.headers.get('hx-redirect')).to.equal(null);
          expect(answer.headers.get('vary')).to.equal(VARY);
        });
      });

      describe('an htmx request', () => {
        const htmx = (currentUrl: string) => ({
          'hx-request': 'true',
          'hx-current-url': currentUrl,
          accept: 'text/html',
          'sec-fetch-mode': 'cors',
        });

        it('gets a 401 with hx-redirect to the login page, next being the page it is on', async () => {
          const answer = await rawRequest(server, '/fragments/cart', htmx(`${server.url}/shop/checkout?step=2#pay`));
          expect(answer.status).to.equal(401);
          expect(JSON.parse(answer.body)).to.include({ status: '401', errorcode: 'AUTHENTICATION_REQUIRED' });
          expect(answer.headers).to.include({ 'hx-redirect': '/login?next=%2Fshop%2Fcheckout%3Fstep%3D2', vary: VARY });
        });

        it('never takes the host, or an escape by dot-segments, from HX-Current-URL', async () => {
          const answer = await rawRequest(server, '/fragments/cart', htmx('https://evil.example/..//evil.example/x'));
          expect(answer.headers['hx-redirect']).to.equal('/login?next=%2Fevil.example%2Fx');
        });

        it('reaches the fragment once signed in', async () => {
          const answer = await rawRequest(server, '/fragments/cart', { ...htmx(`${server.url}/shop`), 'x-user': 'alice' });
          expect(answer.status).to.equal(200);
          expect(answer.body).to.equal('{"items":2}');
        });
      });

      describe('a guarded view', () => {
        const preflight = { origin: ORIGIN, 'access-control-request-method': 'DELETE' };

        it('passes the CORS preflight with no credentials, so a signed-in DELETE can follow', async () => {
          const answer = await rawRequest(server, '/items', preflight, 'OPTIONS');
          expect(answer.status).to.equal(204);
          expect(answer.headers).to.include({ 'access-control-allow-origin': ORIGIN, allow: 'DELETE, OPTIONS' });
          const deleted = await rawRequest(server, '/items', { origin: ORIGIN, 'x-user': 'alice' }, 'DELETE');
          expect(deleted.status).to.equal(204);
        });

        it('checks every other request: a plain OPTIONS, and an anonymous DELETE', async () => {
          expect((await rawRequest(server, '/items', {}, 'OPTIONS')).status).to.equal(401);
          expect((await rawRequest(server, '/items', { origin: ORIGIN }, 'OPTIONS')).status).to.equal(401);
          expect((await rawRequest(server, '/items', preflight, 'DELETE')).status).to.equal(401);
        });
      });
    });
  }
});
