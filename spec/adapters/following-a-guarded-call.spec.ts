import { type JsonResponse, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { toHandler as toFastifyHandler } from 'ajax-guard/fastify';
import { toHandler as toFetchHandler } from 'ajax-guard/fetch';
import { toHandler as toHonoHandler } from 'ajax-guard/hono';
import { expect } from 'chai';
import Fastify from 'fastify';
import { Hono } from 'hono';
import sinon from 'sinon';
import { inMode } from '../support/decorator-mode.js';
import { later, unhandledRejections } from '../support/promises.js';

// The answer of an asynchronous check, given when each test chooses.
let check = later<boolean>();

class Items {
  @loginRequiredAjax({ isAuthenticated: () => check.promise })
  async list(_request: object): Promise<JsonResponse> {
    return jsonResponse({ items: [3] });
  }

  @loginRequiredAjax({ isAuthenticated: () => check.promise })
  async fail(_request: object): Promise<never> {
    throw new Error('store down');
  }

  // An answer that throws once the adapter looks at what it is.
  @loginRequiredAjax({ isAuthenticated: () => check.promise })
  async unreadable(_request: object): Promise<object> {
    return new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('unreadable');
        },
      },
    );
  }
}

/** One of the adapters that write a guarded call's answer once it settles: it serves `call` and answers one request. */
interface Adapter {
  name: string;
  answer(call: (request: object) => unknown): Promise<{ status: number; body: string }>;
}

const ADAPTERS: Adapter[] = [
  {
    name: 'ajax-guard/fetch',
    async answer(call) {
      const response = await toFetchHandler(call)(new Request('http://localhost/items')).catch(() =>
        Response.json({}, { status: 500 }),
      );
      return { status: response.status, body: await response.text() };
    },
  },
  {
    name: 'ajax-guard/hono',
    async answer(call) {
      const app = new Hono().get('/items', toHonoHandler(call));
      const response = await app.request('/items');
      return { status: response.status, body: await response.text() };
    },
  },
  {
    name: 'ajax-guard/fastify',
    async answer(call) {
      const app = Fastify().get('/items', toFastifyHandler(call));
      const response = await app.inject({ url: '/items' });
      await app.close();
      return { status: response.statusCode, body: response.body };
    },
  },
];

describe(inMode('an adapter following a guarded call that awaits its check'), () => {
  const items = new Items();
  const unhandled = unhandledRejections();
  beforeEach(() => {
    check = later<boolean>();
    // Hono's default error handler logs the failures these tests cause on purpose.
    sinon.stub(console, 'error');
  });

  for (const adapter of ADAPTERS) {
    describe(`through ${adapter.name}`, () => {
      it("writes the handler's answer, and the call's own Promise, kept by the route, still resolves to it", async () => {
        let kept: Promise<unknown> | undefined;
        const answered = adapter.answer((request) => {
          kept = items.list(request);
          return kept;
        });
        check.give(true);
        expect(await answered).to.deep.equal({ status: 200, body: '{"items":[3]}' });
        expect(((await kept) as JsonResponse).body).to.deep.equal({ items: [3] });
      });

      it('writes the refusal when the check says no', async () => {
        const answered = adapter.answer((request) => items.list(request));
        check.give(false);
        const { status, body } = await answered;
        expect(status).to.equal(401);
        expect(JSON.parse(body)).to.have.property('errorcode', 'AUTHENTICATION_REQUIRED');
      });

      // Each failure answers 500, and leaves nothing pending and no rejection unhandled
      // (the call's own Promise, kept by no one, among them).
      const FAILURES = [
        { when: 'the handler rejects', call: (request: object) => items.fail(request), answer: () => check.give(true) },
        {
          when: "the handler's answer throws as the adapter reads it",
          call: (request: object) => items.unreadable(request),
          answer: () => check.give(true),
        },
        {
          when: 'the check rejects',
          call: (request: object) => items.list(request),
          answer: () => check.fail(new Error('store down')),
        },
      ];
      for (const failure of FAILURES) {
        it(`fails the response when ${failure.when}, and reports no rejection unhandled`, async () => {
          const answered = adapter.answer(failure.call);
          failure.answer();
          expect((await answered).status).to.equal(500);
          await new Promise((resolve) => setImmediate(resolve));
          expect(unhandled).to.deep.equal([]);
        });
      }
    });
  }

  describe('in the turn the call settles', () => {
    // Turns of the microtask queue from the check's answer until `promise` settles.
    async function turnsUntil(promise: Promise<unknown>): Promise<number> {
      let settled = false;
      promise.then(
        () => (settled = true),
        () => (settled = true),
      );
      check.give(true);
      let turns = 0;
      while (!settled && turns < 100) {
        await null;
        turns += 1;
      }
      return turns;
    }

    it("has the handler's response ready as soon as the call's own Promise resolves", async () => {
      let kept: Promise<unknown> = Promise.resolve();
      const handler = toFetchHandler((request) => {
        kept = items.list(request);
        return kept;
      });
      const answered = handler(new Request('http://localhost/items'));
      const [forAnswer, forCall] = await Promise.all([turnsUntil(answered), turnsUntil(kept)]);
      expect(forAnswer).to.equal(forCall);
      expect((await answered).status).to.equal(200);
    });

    it('follows any other Promise a route returns as `then` would: a turn or more after it settles', async () => {
      let returned: Promise<unknown> = Promise.resolve();
      const handler = toFetchHandler((request) => {
        returned = items.list(request).then((response) => response);
        return returned;
      });
      const answered = handler(new Request('http://localhost/items'));
      const [forAnswer, forReturned] = await Promise.all([turnsUntil(answered), turnsUntil(returned)]);
      expect(forAnswer).to.be.greaterThan(forReturned);
    });
  });
});
