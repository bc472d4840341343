import { jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { send, toHandler } from 'ajax-guard/fastify';
import { expect } from 'chai';
import Fastify, { type FastifyRequest } from 'fastify';
import { CALLERS, credentialsOf } from '../support/callers.js';
import { inMode } from '../support/decorator-mode.js';
import { signingIn, started } from '../support/fastify-app.js';
import { call } from '../support/http-client.js';
import type { RunningServer } from '../support/http-server.js';

// The previous major, installed under an alias for these tests.
const Fastify4 = require('fastify4') as typeof Fastify;

// A member as the database holds it: only `name` may leave the server.
const MEMBERS = [{ name: 'alice', email: 'alice@example.test', passwordHash: 'x1', mfaSecret: 'y1' }];

describe(inMode("ajax-guard/fastify: handler data through Fastify's own serialization"), () => {
  describe('send(reply, response) with a body that is not an object', () => {
    const inject = async (response: ReturnType<typeof jsonResponse>) => {
      const app = Fastify();
      app.get('/', (_request, reply) => send(reply, response));
      const { statusCode, body } = await app.inject({ method: 'GET', url: '/' });
      await app.close();
      return [statusCode, body];
    };

    it('writes a string as JSON text, as every adapter does', async () => {
      expect(await inject(jsonResponse('hello'))).to.deep.equal([200, '"hello"']);
    });

    it('writes null as JSON text', async () => {
      expect(await inject(jsonResponse(null))).to.deep.equal([200, 'null']);
    });

    it('answers an undefined body, which JSON has no text for, with the clean 500', async () => {
      const [status, body] = await inject(jsonResponse(undefined));
      expect(status).to.equal(500);
      expect(JSON.parse(body as string)).to.include({ errorcode: 'SERIALIZATION_FAILED' });
    });
  });

  for (const [version, framework] of [
    ['Fastify 5', Fastify],
    ['Fastify 4', Fastify4],
  ] as const) {
    describe(`on ${version}, signed in`, () => {
      let server: RunningServer;
      const SIGNED_IN = credentialsOf(CALLERS[0]);
      before(async () => {
        const app = framework();
        signingIn(app);
        const schema = {
          response: { 200: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } },
        };
        const members = toHandler(loginRequiredAjax()((_request: FastifyRequest) => MEMBERS));
        app.get('/members', { schema }, members);
        // The same route written without ajax-guard, to compare with.
        app.get('/native-members', { schema }, async () => MEMBERS);
        // Response schemas listed by content type, each beside the same route without ajax-guard.
        const names = { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } };
        const listed: Record<string, object> = {
          json: { 200: { content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: names } } } },
          any: { 200: { content: { '*/*': { schema: names } } } },
          class: { '2xx': { content: { 'application/json': { schema: names } } } },
          other: { 200: { content: { 'text/csv': { schema: { type: 'string' } } } } },
          problem: {
            200: {
              content: { 'application/json': { schema: { type: 'array' } }, 'application/problem+json': { schema: names } },
            },
          },
        };
        for (const [name, response] of Object.entries(listed)) {
          const type = name === 'problem' ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8';
          const guarded = loginRequiredAjax()(() => jsonResponse(MEMBERS, { headers: { 'content-type': type } }));
          app.get(`/listed/${name}`, { schema: { response } }, toHandler(guarded));
          app.get(`/native-listed/${name}`, { schema: { response } }, async (_request, reply) => reply.type(type).send(MEMBERS));
        }
        app.get('/own', toHandler(loginRequiredAjax()(() => jsonResponse(MEMBERS, { headers: { vary: 'accept, ORIGIN' } }))));
        const cycle = toHandler(() => {
          const node: Record<string, unknown> = {};
          node.self = node;
          return node;
        });
        app.get('/cycle', { schema }, cycle);
        await app.register(async (scope) => {
          // The scope's own serializer, which marks what it wrote (Fastify lets it take over from schemas).
          scope.setReplySerializer((payload) => `${JSON.stringify(payload)}\n`);
          scope.get('/serialized/members', members);
          scope.get('/serialized/cycle', cycle);
        });
        server = await started(app);
      });
      after(() => server.close());

      it("goes through the route's response schema, which keeps only the fields it names, as without ajax-guard", async () => {
        const { status, body } = await call(`${server.url}/members`, { headers: SIGNED_IN });
        expect([status, body]).to.deep.equal([200, '[{"name":"alice"}]']);
        expect((await call(`${server.url}/native-members`)).body).to.equal(body);
      });

      for (const [name, expected] of [
        ['json', '[{"name":"alice"}]'],
        ['any', '[{"name":"alice"}]'],
        ['class', '[{"name":"alice"}]'],
        ['other', JSON.stringify(MEMBERS)],
        ['problem', '[{"name":"alice"}]'],
      ]) {
        it(`picks a schema listed by content type as Fastify 5 does, by the response's media type (${name})`, async () => {
          const { status, body } = await call(`${server.url}/listed/${name}`, { headers: SIGNED_IN });
          expect([status, body]).to.deep.equal([200, expected]);
          const native = (await call(`${server.url}/native-listed/${name}`)).body;
          // Fastify 4 itself never falls back to `*/*` and sends every field; the schema filters here still.
          expect(native).to.equal(version === 'Fastify 4' && name === 'any' ? JSON.stringify(MEMBERS) : body);
        });
      }

      it("goes through the app's reply serializer", async () => {
        const { status, headers, body } = await call(`${server.url}/serialized/members`, { headers: SIGNED_IN });
        expect([status, body]).to.deep.equal([200, `${JSON.stringify(MEMBERS)}\n`]);
        expect(headers.get('content-length')).to.equal(String(Buffer.byteLength(body)));
      });

      it("merges the response's own vary into the app's, without repeating a name", async () => {
        const { headers } = await call(`${server.url}/own`, { headers: SIGNED_IN });
        expect(headers.get('vary')).to.equal('Origin, accept');
      });

      it('leaves a refusal as the library wrote it, whatever the serializer', async () => {
        const { status, body } = await call(`${server.url}/serialized/members`);
        expect(status).to.equal(401);
        expect(JSON.parse(body)).to.include({ status: '401', errorcode: 'AUTHENTICATION_REQUIRED' });
        expect(body.endsWith('\n')).to.equal(false);
      });

      for (const path of ['/cycle', '/serialized/cycle']) {
        it(`answers a body that cannot be serialized with the clean 500, then serves the next request (${path})`, async () => {
          const { status, headers, body } = await call(`${server.url}${path}`);
          expect(status).to.equal(500);
          expect(JSON.parse(body)).to.include({ status: '500', errorcode: 'SERIALIZATION_FAILED' });
          expect(headers.get('content-length')).to.equal(String(Buffer.byteLength(body)));
          expect((await call(`${server.url}/members`, { headers: SIGNED_IN })).status).to.equal(200);
        });
      }
    });
  }
});
