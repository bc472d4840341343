import { defaultIsAuthenticated } from 'ajax-guard';
import { requestHeader, requestMethod, requestPath } from 'ajax-guard/adapter';
import { expect } from 'chai';
import { type Context, Hono } from 'hono';
import { inMode } from '../support/decorator-mode.js';
import { whilePolluted } from '../support/pollution.js';

interface Fields {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
}
const fieldsOf = new WeakMap<object, Fields>();

// A request shaped as @hono/node-server builds it: its getters on a plain
// object whose prototype is Request.prototype, over fields kept aside.
const lightweightPrototype = Object.setPrototypeOf(
  {
    get method() {
      return fieldsOf.get(this)?.method;
    },
    get url() {
      return fieldsOf.get(this)?.url;
    },
    get headers() {
      return fieldsOf.get(this)?.headers;
    },
  },
  Request.prototype,
);

function lightweightRequest(method: string, url: string, headers: Record<string, string>): Request {
  const request = Object.create(lightweightPrototype);
  fieldsOf.set(request, { method, url, headers: new Headers(headers) });
  return request;
}

// The Context Hono hands a handler for `request`, after `setUp` ran on it.
async function honoContext(request: Request, setUp: (c: Context) => void = () => {}): Promise<Context> {
  let seen: Context | undefined;
  const app = new Hono();
  app.all('*', (c) => {
    setUp(c);
    seen = c;
    return c.body(null, 204);
  });
  await app.request(request);
  return seen as Context;
}

describe(inMode('reading Fetch requests'), () => {
  describe("given @hono/node-server's lightweight Request", () => {
    const request = lightweightRequest('POST', 'http://127.0.0.1/items?page=2', { Accept: 'text/html' });

    it('reads its method, path and headers', () => {
      expect(requestMethod(request)).to.equal('POST');
      expect(requestPath(request)).to.equal('/items?page=2');
      expect(requestHeader(request, 'accept')).to.equal('text/html');
    });

    it('reads nothing from a polluted Object.prototype', () => {
      whilePolluted({ originalUrl: '//evil.example/', user: { id: 1 } }, () => {
        expect(requestPath(request)).to.equal('/items?page=2');
        expect(defaultIsAuthenticated(request)).to.equal(false);
      });
    });
  });

  describe("given Hono's Context", () => {
    it("reads the request's method, path and headers", async () => {
      const c = await honoContext(
        new Request('http://127.0.0.1/a/b?c=1', { method: 'PUT', headers: { 'X-Requested-With': 'XMLHttpRequest' } }),
      );
      expect([requestMethod(c), requestPath(c), requestHeader(c, 'x-requested-with')]).to.deep.equal([
        'PUT',
        '/a/b?c=1',
        'XMLHttpRequest',
      ]);
    });

    it("takes c.var.user, set by c.set('user', ...), as the user", async () => {
      const signedIn = await honoContext(new Request('http://127.0.0.1/'), (c) => c.set('user' as never, { id: 1 } as never));
      const anonymous = await honoContext(new Request('http://127.0.0.1/'));
      expect([defaultIsAuthenticated(signedIn), defaultIsAuthenticated(anonymous)]).to.deep.equal([true, false]);
    });

    it('takes no user from a polluted Object.prototype', async () => {
      const c = await honoContext(new Request('http://127.0.0.1/'), (context) => context.set('other' as never, 1 as never));
      whilePolluted({ user: { id: 1 } }, () => {
        expect(defaultIsAuthenticated(c)).to.equal(false);
      });
    });
  });
});
