import { createFetch } from 'ajax-guard/client';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { at, FakeServer } from './fake-server.js';

const ALICE = { permissions: ['items.delete'] };
const BOB = { permissions: [] };

/** A `fetch` that answers every request with a fresh copy of `status` and `body` as `contentType`. */
const answering =
  (status: number, body: string, contentType: string | null = 'application/json') =>
  async (): Promise<Response> =>
    contentType === null
      ? new Response(new TextEncoder().encode(body), { status })
      : new Response(body, { status, headers: { 'content-type': contentType } });

describe(inMode('createFetch (ajax-guard/client)'), () => {
  let server: FakeServer;
  let logins: Response[];
  beforeEach(() => {
    server = new FakeServer();
    logins = [];
  });

  /** A login that signs `user` in and resolves `answer`. */
  const loginAs =
    (user: typeof ALICE | undefined, answer: unknown) =>
    async (response: Response): Promise<boolean> => {
      logins.push(response);
      server.user = user;
      return answer as boolean;
    };

  describe('when the guard lets the call through', () => {
    it('returns the answer untouched and asks nobody to log in', async () => {
      server.user = BOB;
      const api = createFetch({ login: loginAs(BOB, true), fetch: server.fetch });
      const response = await api(at('/items'));
      expect(response.status).to.equal(200);
      expect(await response.json()).to.deep.equal({ items: ['a', 'b'] });
      expect(logins).to.have.length(0);
      expect(server.seen).to.have.length(1);
    });
  });

  describe('on the default 401 (errorcode AUTHENTICATION_REQUIRED)', () => {
    it('awaits login with the 401, whose body is still readable, then sends the request once more', async () => {
      let loginBody: unknown;
      const api = createFetch({
        login: async (response) => {
          loginBody = await response.json();
          server.user = BOB;
          return true;
        },
        fetch: server.fetch,
      });
      const response = await api(at('/items'));
      expect(loginBody).to.include({ status: '401', errorcode: 'AUTHENTICATION_REQUIRED' });
      expect(response.status).to.equal(200);
      expect(await response.json()).to.deep.equal({ items: ['a', 'b'] });
      expect(server.seen.map((seen) => `${seen.method} ${seen.url}`)).to.deep.equal([
        'GET http://app.test/items',
        'GET http://app.test/items',
      ]);
    });

    it('sends the same body again, even one given as a stream', async () => {
      const api = createFetch({ login: loginAs(BOB, true), fetch: server.fetch });
      const chunks = ['{"name":', '"c"}'];
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(chunk));
        },
      });
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' };
      const response = await api(at('/items'), init as RequestInit);
      expect(await response.json()).to.deep.equal({ received: '{"name":"c"}' });
      expect(server.seen.map((seen) => [seen.method, seen.contentType, seen.body])).to.deep.equal([
        ['POST', 'application/json', '{"name":"c"}'],
        ['POST', 'application/json', '{"name":"c"}'],
      ]);
    });

    it('retries a Request object given as it is, keeping its method and headers', async () => {
      const api = createFetch({ login: loginAs(BOB, true), fetch: server.fetch });
      const request = new Request(at('/items'), { method: 'POST', body: 'x=1', headers: { 'content-type': 'text/plain' } });
      const response = await api(request);
      expect(await response.json()).to.deep.equal({ received: 'x=1' });
      expect(server.seen.map((seen) => seen.contentType)).to.deep.equal(['text/plain', 'text/plain']);
    });

    it('retries exactly once: a second 401 is returned as it is', async () => {
      const api = createFetch({ login: loginAs(undefined, true), fetch: server.fetch });
      const response = await api(at('/items'));
      expect(response.status).to.equal(401);
      expect(await response.json()).to.include({ errorcode: 'AUTHENTICATION_REQUIRED' });
      expect(logins).to.have.length(1);
      expect(server.seen).to.have.length(2);
    });

    for (const answer of [false, undefined, 'true', 1, {}]) {
      it(`does not retry when login resolves ${JSON.stringify(answer) ?? 'undefined'}, and returns the 401 unread`, async () => {
        const api = createFetch({ login: loginAs(BOB, answer), fetch: server.fetch });
        const response = await api(at('/items'));
        expect(response.status).to.equal(401);
        expect(await response.json()).to.include({ errorcode: 'AUTHENTICATION_REQUIRED' });
        expect(server.seen).to.have.length(1);
      });
    }

    it('accepts a login that answers synchronously', async () => {
      const api = createFetch({
        login: () => {
          server.user = BOB;
          return true;
        },
        fetch: server.fetch,
      });
      expect((await api(at('/items'))).status).to.equal(200);
    });

    it('rejects with the error of a login that fails, without retrying', async () => {
      const failure = new Error('the dialog broke');
      const api = createFetch({ login: () => Promise.reject(failure), fetch: server.fetch });
      let caught: unknown;
      await api(at('/items')).catch((error: unknown) => {
        caught = error;
      });
      expect(caught).to.equal(failure);
      expect(server.seen).to.have.length(1);
    });

    it('asks once for a burst whose last refusal comes in after the login ended, and retries that call too', async () => {
      let answerLate: () => void = () => undefined;
      const late = new Promise<void>((resolve) => {
        answerLate = resolve;
      });
      const api = createFetch({
        login: async (response) => {
          logins.push(response);
          server.user = BOB;
          return true;
        },
        // The second call's answer is held back until the first call's login and retry are done.
        fetch: async (input, init) => {
          const held = new URL((input as Request).url).searchParams.has('slow');
          const response = server.fetch(input, init);
          if (held) await late;
          return response;
        },
      });
      server.user = undefined;
      const slow = api(at('/items?slow'));
      const fast = await api(at('/items'));
      answerLate();
      expect([fast.status, (await slow).status]).to.deep.equal([200, 200]);
      expect(logins).to.have.length(1);
    });

    it('asks once for a burst of refused calls, and retries each of them', async () => {
      let release: (value: boolean) => void = () => undefined;
      const api = createFetch({
        login: (response) => {
          logins.push(response);
          return new Promise<boolean>((resolve) => {
            release = (value) => {
              server.user = BOB;
              resolve(value);
            };
          });
        },
        fetch: server.fetch,
      });
      const calls = [api(at('/items')), api(at('/items')), api(at('/items'))];
      while (server.seen.length < 3 || logins.length === 0) await new Promise((resolve) => setImmediate(resolve));
      release(true);
      const statuses = (await Promise.all(calls)).map((response) => response.status);
      expect(statuses).to.deep.equal([200, 200, 200]);
      expect(logins).to.have.length(1);
      expect(server.seen).to.have.length(6);
      // A later refusal asks again.
      server.user = undefined;
      const later = api(at('/items'));
      while (logins.length < 2) await new Promise((resolve) => setImmediate(resolve));
      release(false);
      expect((await later).status).to.equal(401);
    });
  });

  describe('on an RFC 9457 problem (problemDetails)', () => {
    it('reads the errorcode member of application/problem+json and retries', async () => {
      const api = createFetch({ login: loginAs(BOB, true), fetch: server.fetch });
      const response = await api(at('/problem'));
      expect(await logins[0]?.json()).to.include({ status: 401, errorcode: 'AUTHENTICATION_REQUIRED' });
      expect(logins[0]?.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(response.status).to.equal(200);
      expect(server.seen).to.have.length(2);
    });
  });

  describe('on a 403 with the permission errorcode', () => {
    it('calls forbidden with it, awaits it, and returns it without retrying', async () => {
      server.user = BOB;
      const heard: unknown[] = [];
      const api = createFetch({
        login: loginAs(BOB, true),
        forbidden: async (response) => {
          heard.push(await response.json());
        },
        fetch: server.fetch,
      });
      const response = await api(at('/items/1'), { method: 'DELETE' });
      expect(response.status).to.equal(403);
      expect(heard).to.have.length(1);
      expect(heard[0]).to.include({ status: '403', errorcode: 'PERMISSION_DENIED' });
      expect(await response.json(), 'still readable').to.include({ errorcode: 'PERMISSION_DENIED' });
      expect(logins).to.have.length(0);
      expect(server.seen).to.have.length(1);
    });

    it('returns it when no forbidden is given', async () => {
      server.user = BOB;
      const api = createFetch({ login: loginAs(BOB, true), fetch: server.fetch });
      expect((await api(at('/items/1'), { method: 'DELETE' })).status).to.equal(403);
    });

    it('logs an anonymous caller in first, then hears of the 403 of the retry', async () => {
      const heard: Response[] = [];
      const api = createFetch({ login: loginAs(BOB, true), forbidden: (response) => heard.push(response), fetch: server.fetch });
      const response = await api(at('/items/1'), { method: 'DELETE' });
      expect(response.status).to.equal(403);
      expect(heard).to.have.length(1);
      expect(heard[0]?.status).to.equal(403);
      expect(logins).to.have.length(1);
      expect(server.seen).to.have.length(2);
    });
  });

  describe('on any other answer', () => {
    const others: ReadonlyArray<[string, number, string, (string | null)?]> = [
      ['a 401 with another errorcode', 401, '{"errorcode":"TOKEN_EXPIRED"}'],
      ['a 401 login page in HTML', 401, '<form>{"errorcode":"AUTHENTICATION_REQUIRED"}</form>', 'text/html'],
      ['a 401 whose JSON does not parse', 401, '{"errorcode":'],
      ['a 401 JSON array', 401, '["AUTHENTICATION_REQUIRED"]'],
      ['a 401 whose errorcode is only on __proto__', 401, '{"__proto__":{"errorcode":"AUTHENTICATION_REQUIRED"}}'],
      ['a 401 with an empty content type', 401, '{"errorcode":"AUTHENTICATION_REQUIRED"}', ''],
      ['a 401 with no content type', 401, '{"errorcode":"AUTHENTICATION_REQUIRED"}', null],
      ['a 401 in text/json', 401, '{"errorcode":"AUTHENTICATION_REQUIRED"}', 'text/json'],
      ['a 403 with the authentication errorcode', 403, '{"errorcode":"AUTHENTICATION_REQUIRED"}'],
      ['a 500 with the authentication errorcode', 500, '{"errorcode":"AUTHENTICATION_REQUIRED"}'],
    ];
    for (const [title, status, body, contentType] of others) {
      it(`returns ${title} untouched, calling neither login nor forbidden`, async () => {
        const heard: Response[] = [];
        const fetch = answering(status, body, contentType);
        const api = createFetch({ login: loginAs(BOB, true), forbidden: (response) => heard.push(response), fetch });
        const response = await api(at('/items'));
        expect(response.status).to.equal(status);
        expect(await response.text()).to.equal(body);
        expect(logins).to.have.length(0);
        expect(heard).to.have.length(0);
      });
    }
  });

  describe('errorcodes', () => {
    it('acts on the codes the server was configured with', async () => {
      const heard: Response[] = [];
      const codes = { authentication: 'LOGIN', permission: 'NOPE' };
      const login = createFetch({
        login: loginAs(BOB, false),
        fetch: answering(401, '{"errorcode":"LOGIN"}'),
        errorcodes: codes,
      });
      await login(at('/items'));
      expect(logins).to.have.length(1);
      const forbid = createFetch({
        login: loginAs(BOB, true),
        forbidden: (r) => heard.push(r),
        fetch: answering(403, '{"errorcode":"NOPE"}'),
        errorcodes: codes,
      });
      await forbid(at('/items'));
      expect(heard).to.have.length(1);
    });

    it('keeps the default of a code not given', async () => {
      const api = createFetch({ login: loginAs(BOB, false), fetch: server.fetch, errorcodes: { permission: 'NOPE' } });
      await api(at('/items'));
      expect(logins).to.have.length(1);
    });
  });

  describe('without a fetch option', () => {
    const original = globalThis.fetch;
    afterEach(() => {
      globalThis.fetch = original;
    });

    it('sends through the global fetch as it is when the call is made', async () => {
      const api = createFetch({ login: loginAs(BOB, true) });
      globalThis.fetch = server.fetch as typeof fetch;
      expect((await api(at('/items'))).status).to.equal(200);
      expect(server.seen).to.have.length(2);
    });
  });

  describe('configuration', () => {
    const login = async (): Promise<boolean> => true;
    const bad: ReadonlyArray<[string, unknown, RegExp]> = [
      ['no options', undefined, /createFetch: options must be an object/],
      ['no login', {}, /createFetch: `login` must be a function, got undefined/],
      ['a login that is no function', { login: true }, /`login` must be a function, got boolean/],
      ['a forbidden that is no function', { login, forbidden: 'alert' }, /`forbidden` must be a function, got string/],
      ['a fetch that is no function', { login, fetch: null }, /`fetch` must be a function, got object/],
      [
        'an empty errorcode',
        { login, errorcodes: { authentication: '' } },
        /`errorcodes\.authentication` must be a non-empty string/,
      ],
      [
        'an errorcode that is no string',
        { login, errorcodes: { permission: 403 } },
        /`errorcodes\.permission` must be a non-empty string/,
      ],
    ];
    for (const [title, options, message] of bad) {
      it(`is a TypeError at creation for ${title}`, () => {
        expect(() => createFetch(options as Parameters<typeof createFetch>[0])).to.throw(TypeError, message);
      });
    }
  });
});
