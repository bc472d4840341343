import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import { Authenticator } from '@fastify/passport';
import fastifySession from '@fastify/session';
import { type GuardDecorator, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { send, toHandler, toMiddleware } from 'ajax-guard/fastify';
import { expect } from 'chai';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import sinon from 'sinon';
import {
  AccountController,
  ALICE,
  APP_ERROR_STATUS,
  appErrorBody,
  type CREDENTIALS,
  findUser,
  ROUTED,
  route,
} from '../support/account-controller.js';
import { describeAnswers, describeFramework, describeSignIn, type Harness } from '../support/adapter-suite.js';
import { decoratorMode, inMode } from '../support/decorator-mode.js';
import { signingIn, started } from '../support/fastify-app.js';
import { call } from '../support/http-client.js';
import type { RunningServer } from '../support/http-server.js';
import { describeMiddleware, type MiddlewareHarness, reachedBody } from '../support/middleware-suite.js';
import { localStrategy } from '../support/passport.js';
import { signInWithSession, signInWithToken } from '../support/sign-in.js';

const SECRET = `fastify-${decoratorMode}-secret-of-at-least-32-characters`;

// The previous major and its @fastify/jwt, installed under aliases for these tests.
const Fastify4 = require('fastify4') as typeof Fastify;
const fastifyJwtForFastify4 = require('fastify4-jwt') as typeof fastifyJwt;

// @fastify/passport's local strategy over @fastify/session, as its README sets them up.
async function withPassport(server: FastifyInstance): Promise<void> {
  const authenticator = new Authenticator();
  authenticator.use('local', localStrategy());
  authenticator.registerUserSerializer(async (user: { id: number }) => user.id);
  authenticator.registerUserDeserializer(async (id: number) => (id === ALICE.id ? ALICE : null));
  await server.register(fastifyCookie);
  await server.register(fastifySession, { secret: SECRET, cookie: { secure: false, maxAge: 10 * 60_000 } });
  await server.register(authenticator.initialize());
  await server.register(authenticator.secureSession());
  server.post('/login', { preValidation: authenticator.authenticate('local', { authInfo: false }) }, async (_request, reply) =>
    reply.code(204).send(),
  );
}

// @fastify/jwt verifying a bearer token in an onRequest hook: request.user is its payload.
const withJwt =
  (plugin: typeof fastifyJwt) =>
  async (server: FastifyInstance): Promise<void> => {
    await server.register(plugin, { secret: SECRET, sign: { expiresIn: '10m' } });
    server.addHook('onRequest', async (request) => {
      try {
        await request.jwtVerify();
      } catch {
        // No valid token: the request stays anonymous, and the guard answers.
      }
    });
    server.post('/token', async (request, reply) => {
      const { username, password } = request.body as typeof CREDENTIALS;
      const user = findUser(username, password);
      return user ? { token: server.jwt.sign({ ...user }) } : reply.code(401).send();
    });
  };

function harness(
  framework: typeof Fastify,
  authentication: (server: FastifyInstance) => Promise<void>,
  signIn: Harness['signIn'],
): Harness {
  return {
    async start(account) {
      const server = framework();
      await authentication(server);
      for (const name of ROUTED)
        server.get(
          `/${name}`,
          toHandler((request) => route(account, name, request, request.user)),
        );
      server.get(
        '/answered',
        // A function that answers through reply returns it, as Fastify asks.
        toHandler((_request, reply) => reply.code(202).type('text/plain').send('answered by the handler')),
      );
      server.get('/sent', (_request, reply) => send(reply, jsonResponse(null, { status: 304 })));
      server.get('/cookie', (_request, reply) => {
        reply.header('set-cookie', 'sid=1; HttpOnly');
        return send(reply, jsonResponse({ ok: true }, { headers: { 'set-cookie': 'seen=1' } }));
      });
      server.post(
        '/reset',
        toHandler(() => jsonResponse({ cleared: true }, { status: 205 })),
      );
      server.setErrorHandler((error, _request, reply) => reply.code(APP_ERROR_STATUS).send(appErrorBody(error)));
      const url = await server.listen({ host: '127.0.0.1', port: 0 });
      return { url, close: () => server.close() };
    },
    signIn,
  };
}

const withSession = harness(Fastify, withPassport, signInWithSession);

// A whole plugin behind the guard, as a preHandler hook of its scope.
const middlewareHarness = (framework: typeof Fastify): MiddlewareHarness => ({
  async start(guard: GuardDecorator<any>) {
    const server = framework();
    signingIn(server);
    // Set before the plugin loads (`await register` loads it), so that its scope inherits it.
    server.setErrorHandler((error, _request, reply) => reply.code(APP_ERROR_STATUS).send(appErrorBody(error)));
    const reached = (path: string) => async (_request: FastifyRequest, reply: FastifyReply) => {
      reply.header('x-route', 'native');
      return reachedBody(path);
    };
    await server.register(
      async (scope) => {
        scope.addHook('preHandler', toMiddleware(guard));
        scope.get('/data', reached('/private/data'));
      },
      { prefix: '/private' },
    );
    server.get('/public', reached('/public'));
    return started(server);
  },
  toMiddleware,
  appSetsVary: true,
});

describe(inMode('ajax-guard/fastify'), () => {
  describe('on Fastify 5', () => {
    describeSignIn('with @fastify/passport and @fastify/session', withSession);
    describeSignIn('with @fastify/jwt verified in an onRequest hook', harness(Fastify, withJwt(fastifyJwt), signInWithToken));
    describeAnswers('answering', withSession);
  });

  describeFramework(
    'Fastify 4',
    'with @fastify/jwt verified in an onRequest hook',
    harness(Fastify4, withJwt(fastifyJwtForFastify4), signInWithToken),
  );

  for (const [version, framework] of [
    ['Fastify 5', Fastify],
    ['Fastify 4', Fastify4],
  ] as const) {
    describeMiddleware(`toMiddleware(guard) on ${version}`, middlewareHarness(framework));
  }

  describe('toMiddleware(guard) called by hand inside an async hook, with no done callback', () => {
    let server: RunningServer;
    before(async () => {
      const app = Fastify();
      const guard = toMiddleware(
        loginRequiredAjax({ isAuthenticated: (request: FastifyRequest) => 'x-user' in request.headers }),
      );
      // An app's own async hook that runs the guard among its checks.
      app.addHook('preHandler', async (request, reply) => guard(request, reply));
      app.get('/items', async () => ({ items: [1] }));
      server = await started(app);
    });
    after(() => server.close());

    it('returns a Promise that sends the refusal, or lets the request go on', async () => {
      expect((await call(`${server.url}/items`)).status).to.equal(401);
      const allowed = await call(`${server.url}/items`, { headers: { 'x-user': 'alice' } });
      expect([allowed.status, allowed.body]).to.deep.equal([200, '{"items":[1]}']);
    });
  });

  for (const [version, framework] of [
    ['Fastify 5', Fastify],
    ['Fastify 4', Fastify4],
  ] as const) {
    describe(`toHandler(fn) when fn takes reply and answers through it later, on ${version}`, () => {
      let app: FastifyInstance;
      let url: string;
      before(async () => {
        app = framework();
        const later = (reply: FastifyReply) => setTimeout(() => reply.send({ later: true }), 5);
        app.get(
          '/sync',
          toHandler((_request, reply) => {
            later(reply);
          }),
        );
        app.get(
          '/async',
          toHandler(async (_request, reply) => {
            later(reply);
          }),
        );
        app.get(
          '/nothing',
          toHandler(() => undefined),
        );
        await app.listen({ port: 0, host: '127.0.0.1' });
        url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      });
      after(() => app.close());

      for (const path of ['/sync', '/async']) {
        it(`leaves the answer to it, with no 204 first (${path.slice(1)})`, async () => {
          const { status, body } = await call(`${url}${path}`);
          expect([status, body]).to.deep.equal([200, '{"later":true}']);
        });
      }

      it('answers 204 for a function that does not take reply and returns nothing', async () => {
        expect((await call(`${url}/nothing`)).status).to.equal(204);
      });
    });
  }

  describe('toHandler(fn) when fn returns undefined after the response has started', () => {
    it('writes nothing more, even where Fastify 4 does not count the reply as sent', () => {
      const reply = { sent: false, raw: { headersSent: true }, code: sinon.spy() };
      toHandler(() => undefined)({} as FastifyRequest, reply as unknown as FastifyReply);
      expect(reply.code.called).to.equal(false);
    });
  });

  for (const [version, framework] of [
    ['Fastify 5', Fastify],
    ['Fastify 4', Fastify4],
  ] as const) {
    describe(`send(reply, response) on ${version}, whatever the reply was set to do`, () => {
      const text = '{"note":"kept as is"}';
      const inject = async (prepare: (app: FastifyInstance) => void) => {
        const app = framework();
        prepare(app);
        const { statusCode, headers, body } = await app.inject({ method: 'GET', url: '/' });
        await app.close();
        return { statusCode, type: headers['content-type'], body };
      };

      it("serializes the body with the app's reply serializer", async () => {
        const answer = await inject((app) => {
          app.setReplySerializer((payload) => `wrapped ${JSON.stringify(payload)}`);
          app.get('/', (_request, reply) => send(reply, jsonResponse({ note: 'kept as is' })));
        });
        expect(answer).to.deep.equal({ statusCode: 200, type: 'application/json; charset=utf-8', body: `wrapped ${text}` });
      });

      it('writes the status a response made with no init holds when written, not the 200 it was made with', async () => {
        const response = jsonResponse({ note: 'kept as is' });
        (response as { status: number }).status = 403;
        const answer = await inject((app) =>
          app.get(
            '/',
            toHandler(() => response),
          ),
        );
        expect(answer).to.deep.equal({ statusCode: 403, type: 'application/json; charset=utf-8', body: text });
      });

      it('keeps a JSON content type that names no charset', async () => {
        const response = jsonResponse({ note: 'kept as is' }, { headers: { 'content-type': 'application/vnd.api+json' } });
        const answer = await inject((app) => app.get('/', (_request, reply) => send(reply, response)));
        expect(answer).to.deep.equal({ statusCode: 200, type: 'application/vnd.api+json', body: text });
      });

      it("serializes a later error answer as the app's error handler returns it", async () => {
        const answer = await inject((app) => {
          // Fails on the text only: the error answer passes.
          app.addHook('onSend', async (_request, _reply, payload) => {
            if (payload === text) throw new Error('onSend failed');
            return payload;
          });
          app.setErrorHandler((error: Error, _request, reply) => {
            reply.code(502);
            return { failed: error.message };
          });
          app.get('/', (_request, reply) => send(reply, jsonResponse({ note: 'kept as is' })));
        });
        expect(answer).to.deep.equal({
          statusCode: 502,
          type: 'application/json; charset=utf-8',
          body: '{"failed":"onSend failed"}',
        });
      });
    });
  }

  for (const [version, framework] of [
    ['Fastify 5', Fastify],
    ['Fastify 4', Fastify4],
  ] as const) {
    describe(`toHandler(fn) with an async fn on ${version}`, () => {
      for (const [hooks, prepare] of [
        ['no onSend hook', () => undefined],
        [
          'an async onSend hook that answers a turn later',
          (app: FastifyInstance) =>
            app.addHook('onSend', async (_request, reply, payload) => {
              await new Promise((resolve) => setImmediate(resolve));
              reply.header('x-hooked', 'yes');
              return payload;
            }),
        ],
      ] as const) {
        it(`answers once, with the whole answer, given ${hooks}`, async () => {
          const app = framework();
          const warnings: unknown[] = [];
          app.log.warn = (...args: unknown[]) => void warnings.push(args);
          prepare(app);
          app.get(
            '/',
            toHandler(async () => jsonResponse({ late: true })),
          );
          await app.listen({ port: 0, host: '127.0.0.1' });
          const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/`;
          const answers = await Promise.all([call(url), call(url)]).finally(() => app.close());
          expect(answers.map(({ status, body }) => [status, body])).to.deep.equal([
            [200, '{"late":true}'],
            [200, '{"late":true}'],
          ]);
          expect(answers.map(({ headers }) => headers.get('x-hooked'))).to.deep.equal(
            hooks === 'no onSend hook' ? [null, null] : ['yes', 'yes'],
          );
          expect(warnings).to.deep.equal([]);
        });
      }
    });
  }

  describe('send(reply, response)', () => {
    let server: RunningServer;
    before(async () => {
      server = await withSession.start(new AccountController());
    });
    after(() => server.close());

    it('writes a 304 with no body and no content-length', async () => {
      const { status, headers, body } = await call(`${server.url}/sent`);
      expect([status, body, headers.get('content-length')]).to.deep.equal([304, '', null]);
    });

    it('adds a set-cookie to the cookies the app already set', async () => {
      const { headers } = await call(`${server.url}/cookie`);
      // The session plugin adds its own cookie after these.
      expect(headers.getSetCookie().slice(0, 2)).to.deep.equal(['sid=1; HttpOnly', 'seen=1']);
    });

    it('writes a 205 (Reset Content) with no body, even where the handler gave one', async () => {
      const { status, body } = await call(`${server.url}/reset`, { method: 'POST' });
      expect([status, body]).to.deep.equal([205, '']);
    });
  });
});
