import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { type GuardDecorator, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { requestHeader } from 'ajax-guard/adapter';
import { toHandler, toMiddleware, toResponse } from 'ajax-guard/fetch';
import { expect } from 'chai';
import { Hono } from 'hono';
import { decode, verify } from 'hono/jwt';
import { type AccountController, APP_ERROR_STATUS, appErrorBody, ROUTED, route } from '../support/account-controller.js';
import { describeFramework, type Harness } from '../support/adapter-suite.js';
import { callerFor } from '../support/callers.js';
import { decoratorMode, inMode } from '../support/decorator-mode.js';
import { serveTokens } from '../support/hono-token.js';
import { listen } from '../support/http-server.js';
import { describeMiddleware, type MiddlewareHarness, reachedBody } from '../support/middleware-suite.js';
import { signInWithToken } from '../support/sign-in.js';

const SECRET = `fetch-${decoratorMode}-secret`;

const bearer = (request: Request): string | undefined => /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];

// A Fetch Request carries no user: a Fetch app configures its own check,
// here an async one (WebCrypto verifies a JWT asynchronously).
async function hasValidToken(request: Request): Promise<boolean> {
  const token = bearer(request);
  return (
    token !== undefined &&
    (await verify(token, SECRET, 'HS256').then(
      () => true,
      () => false,
    ))
  );
}

// The user a route passes to the controller, decoded before the guard runs:
// anything but a well-formed token is no user, and the guard then refuses.
function tokenUser(request: Request): unknown {
  try {
    return decode(bearer(request) ?? '').payload;
  } catch {
    return undefined;
  }
}

// The app as Hono users write it, served by @hono/node-server.
function app(account: AccountController): Hono {
  const server = new Hono();
  serveTokens(server, SECRET);
  for (const name of ROUTED) {
    const handler = toHandler((request) => route(account, name, request, tokenUser(request)));
    server.get(`/${name}`, (c) => handler(c.req.raw));
  }
  const answered = toHandler(() => new Response('answered by the handler', { status: 202 }));
  server.get('/answered', (c) => answered(c.req.raw));
  server.onError((error, c) => c.json(appErrorBody(error), APP_ERROR_STATUS));
  return server;
}

const harness: Harness = {
  async start(account) {
    const server = await listen(createAdaptorServer({ fetch: app(account).fetch }) as Server);
    return { url: server.url, close: () => server.close() };
  },
  signIn: signInWithToken,
  settings: { isAuthenticated: hasValidToken },
};

const reached = (path: string): Response => Response.json(reachedBody(path), { headers: { 'x-route': 'native' } });

// A bare Fetch handler, every `/private/*` path behind the guard; a Fetch
// Request carries no user, so the app says once how to find it.
function guardedApp(guard: GuardDecorator<any>): (request: Request) => Promise<Response> {
  const guardPrivate = toMiddleware(guard);
  return async (request) => {
    try {
      const { pathname } = new URL(request.url);
      if (pathname.startsWith('/private/')) {
        const refusal = await guardPrivate(request);
        if (refusal !== undefined) return refusal;
      }
      return reached(pathname);
    } catch (error) {
      return Response.json(appErrorBody(error), { status: APP_ERROR_STATUS });
    }
  };
}

const middlewareHarness: MiddlewareHarness = {
  start: (guard) => listen(createAdaptorServer({ fetch: guardedApp(guard) }) as Server),
  toMiddleware,
  appSetsVary: false,
  settings: { isAuthenticated: (request) => callerFor(requestHeader(request, 'authorization')) !== undefined },
};

describe(inMode('ajax-guard/fetch'), () => {
  describeFramework('Hono 4, served by @hono/node-server', 'with an app-wide check of a JWT', harness);
  describeMiddleware('toMiddleware(guard), served by @hono/node-server', middlewareHarness);

  describe('toHandler(fn) with global Request and Response', () => {
    const request = new Request('http://127.0.0.1/items');

    it('resolves a synchronous answer to a Response', async () => {
      const response = await toHandler(() => ({ ok: true }))(request);
      expect(response).to.be.instanceOf(Response);
      expect([response.status, response.headers.get('content-length'), await response.text()]).to.deep.equal([
        200,
        '11',
        '{"ok":true}',
      ]);
    });

    it('passes the request to the function', async () => {
      let seen: Request | undefined;
      await toHandler((received) => {
        seen = received;
      })(request);
      expect(seen).to.equal(request);
    });

    it('rejects with what the function throws, for the runtime to handle', async () => {
      const failure = new Error('sync failure');
      const outcome = await toHandler(() => {
        throw failure;
      })(request).then(
        () => 'resolved',
        (error: unknown) => error,
      );
      expect(outcome).to.equal(failure);
    });

    it('has toMiddleware reject with what a synchronous check throws, never throw', async () => {
      const failure = new Error('store down');
      const guard = loginRequiredAjax({
        isAuthenticated: () => {
          throw failure;
        },
      });
      const outcome = await toMiddleware(guard)(request).then(
        () => 'resolved',
        (error: unknown) => error,
      );
      expect(outcome).to.equal(failure);
    });
  });

  describe('toResponse(response)', () => {
    it('writes a 304 with no body and no content-length', async () => {
      const response = toResponse(jsonResponse(null, { status: 304 }));
      expect([response.status, response.headers.get('content-length'), response.body]).to.deep.equal([304, null, null]);
    });

    it('writes a 205 (Reset Content) with no body, which a Response cannot have', async () => {
      const response = toResponse(jsonResponse({ cleared: true }, { status: 205 }));
      expect([response.status, response.body]).to.deep.equal([205, null]);
    });

    it('turns a body JSON cannot hold into a 500 with no stack', async () => {
      const response = toResponse(jsonResponse({ count: 1n }));
      expect(response.status).to.equal(500);
      expect(JSON.parse(await response.text())).to.include({ status: '500', errorcode: 'SERIALIZATION_FAILED' });
    });
  });
});
