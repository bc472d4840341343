import {
  configure,
  type Denial,
  getAccessRules,
  type JsonResponse,
  jsonResponse,
  loginRequired,
  permissionRequiredAjax,
  type RedirectBody,
} from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { expressRequest, fastifyRequest, koaContext, rawHead } from '../support/captured-requests.js';
import { inMode } from '../support/decorator-mode.js';
import { expectDefault401 } from '../support/default-refusal.js';

type Body = Record<string, string>;

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const VARY = 'Accept, X-Requested-With, Sec-Fetch-Mode, HX-Request';

const respond = (_req: object): JsonResponse => jsonResponse({ ok: true });
const guard = loginRequired({ loginUrl: '/login' })(respond);

// An anonymous plain-object request for `url` with these headers.
const anonymous = (url: string, headers: Record<string, string> = {}) => ({ url, headers });
const navigation = (url: string) => anonymous(url, { accept: BROWSER });

class Dashboard {
  @loginRequired({ loginUrl: '/accounts/login/' })
  show(_req: object): JsonResponse {
    return jsonResponse({ widgets: [] });
  }

  @loginRequired({ loginUrl: '/login', isAuthenticated: async () => false })
  async later(_req: object): Promise<JsonResponse> {
    return jsonResponse({ widgets: [] });
  }
}

describe(inMode('loginRequired({ loginUrl, redirectFieldName })'), () => {
  describe('when an anonymous browser navigates to the page', () => {
    it('should redirect to the login page with next set to the encoded path and query', () => {
      const res = guard(navigation('/items?page=2&sort=name'));
      expect(res.status).to.equal(302);
      expect(res.headers.location).to.equal('/login?next=%2Fitems%3Fpage%3D2%26sort%3Dname');
    });

    it('should say which request headers it varies on, and no-store', () => {
      expect(guard(navigation('/items')).headers).to.include({ vary: VARY, 'cache-control': 'no-store' });
    });

    it('should carry the location in the body too, for a client that does not follow redirects', () => {
      expect((guard(navigation('/items')) as JsonResponse<RedirectBody>).body).to.deep.equal({
        status: '302',
        message: 'Login required',
        location: '/login?next=%2Fitems',
      });
    });

    it('should not run the handler', () => {
      const handler = sinon.spy(respond);
      loginRequired({ loginUrl: '/login' })(handler)(navigation('/items'));
      expect(handler.called).to.equal(false);
    });

    it('should answer a path again with the redirect it made for it, frozen, and keep only the latest 256 paths', () => {
      const guarded = loginRequired({ loginUrl: '/login' })(respond);
      const first = guarded(navigation('/p/0')) as JsonResponse<RedirectBody>;
      expect(guarded(navigation('/p/0'))).to.equal(first);
      expect(Object.isFrozen(first.body)).to.equal(true);
      expect(guarded(navigation('/p/1'))).to.not.equal(first);
      for (let i = 1; i <= 256; i++) guarded(navigation(`/p/${i}`));
      const again = guarded(navigation('/p/0'));
      expect(again).to.not.equal(first);
      expect(again).to.deep.equal(first);
    });

    it('should answer a kept target that names another host with the same same-site redirect as the first time', () => {
      const guarded = loginRequired({ loginUrl: '/login' })(respond);
      const safe = `/login?next=${encodeURIComponent('/evil.example/x?y=1')}`;
      for (let i = 0; i < 2; i++) {
        expect(guarded(navigation('//evil.example/x?y=1#top')).headers.location).to.equal(safe);
        expect(guarded(navigation('/a/..//evil.example/x?y=1')).headers.location).to.equal(safe);
      }
    });

    it('should send a request with no target at all back to the root, every time', () => {
      const guarded = loginRequired({ loginUrl: '/login' })(respond);
      for (let i = 0; i < 2; i++) {
        expect(guarded({ headers: { accept: BROWSER } }).headers.location).to.equal('/login?next=%2F');
      }
    });

    it('should never keep the redirect of a path over 1 KiB, and still answer it', () => {
      const guarded = loginRequired({ loginUrl: '/login' })(respond);
      const long = `/${'a'.repeat(1024)}`;
      const answer = guarded(navigation(long));
      expect(answer.headers.location).to.equal(`/login?next=${encodeURIComponent(long)}`);
      expect(guarded(navigation(long))).to.not.equal(answer);
    });
  });

  describe('when an anonymous caller does not prefer HTML', () => {
    const cases: Record<string, Record<string, string>> = {
      'an XMLHttpRequest': { accept: BROWSER, 'x-requested-with': 'XMLHttpRequest' },
      'a fetch asking for JSON': { accept: 'application/json' },
      'no Accept header': {},
      'Accept: */*': { accept: '*/*' },
      'a tie': { accept: 'text/html, application/json' },
      'JSON ranked higher by q': { accept: 'application/json;q=0.9, text/html;q=0.8' },
    };
    for (const [caller, headers] of Object.entries(cases)) {
      it(`should answer ${caller} with the 401 JSON of loginRequiredAjax`, () => {
        const res = guard(anonymous('/items', headers));
        expectDefault401(res);
        expect(res.headers.vary).to.equal(VARY);
        expect(res.headers).not.to.have.property('location');
      });
    }

    it('should redirect a q-valued Accept that ranks HTML higher', () => {
      expect(guard(anonymous('/items', { accept: 'text/html;q=0.9, application/json;q=0.8' })).status).to.equal(302);
    });

    it("should keep the guard's options and the app's settings in the 401", () => {
      configure({ challenge: 'Bearer realm="api"', errorCodes: { authentication: 'E_AUTH' } });
      const own = loginRequired({ loginUrl: '/login', message: 'Sign in first' })(respond);
      const res = own(anonymous('/items')) as JsonResponse<Body>;
      expect(res.body).to.include({ message: 'Sign in first', errorcode: 'E_AUTH' });
      expect(res.headers['www-authenticate']).to.equal('Bearer realm="api"');
    });

    it("should add to a render hook's own Vary rather than replace it", () => {
      const render = (denial: Denial) => jsonResponse({ denied: true }, { status: denial.status, headers: { vary: 'Origin' } });
      const res = loginRequired({ loginUrl: '/login', render })(respond)(anonymous('/items'));
      expect(res.headers.vary).to.equal(`Origin, ${VARY}`);
      expect(res.body).to.deep.equal({ denied: true });
    });

    it('should never call the render hook for a redirect', () => {
      const render = sinon.spy((denial: Denial) => jsonResponse({}, { status: denial.status }));
      loginRequired({ loginUrl: '/login', render })(respond)(navigation('/items'));
      expect(render.called).to.equal(false);
    });
  });

  describe('when the caller is authenticated', () => {
    it('should run the handler, for a browser as for a script', () => {
      expect(guard({ ...navigation('/items'), user: { id: 1 } }).body).to.deep.equal({ ok: true });
      expect(guard({ ...anonymous('/items'), user: { id: 1 } }).body).to.deep.equal({ ok: true });
    });
  });

  describe('given where to send the browser', () => {
    it('should use redirectFieldName, encoded', () => {
      const returnTo = loginRequired({ loginUrl: '/login', redirectFieldName: 'return_to' })(respond);
      expect(returnTo(navigation('/a')).headers.location).to.equal('/login?return_to=%2Fa');
      const spaced = loginRequired({ loginUrl: '/login', redirectFieldName: 'back to' })(respond);
      expect(spaced(navigation('/a')).headers.location).to.equal('/login?back%20to=%2Fa');
    });

    it('should add to a loginUrl that already has a query, before any fragment', () => {
      const sso = loginRequired({ loginUrl: 'https://sso.example/login?app=shop#form' })(respond);
      expect(sso(navigation('/cart')).headers.location).to.equal('https://sso.example/login?app=shop&next=%2Fcart#form');
      const fragmentOnly = loginRequired({ loginUrl: '/login#form' })(respond);
      expect(fragmentOnly(navigation('/cart')).headers.location).to.equal('/login?next=%2Fcart#form');
    });

    it('should keep the other parameters of loginUrl as written, and replace its own field where it stands', () => {
      const legacy = loginRequired({ loginUrl: '/login?debug&&%zz=1&next=/old&app=1' })(respond);
      expect(legacy(navigation('/cart')).headers.location).to.equal('/login?debug&%zz=1&next=%2Fcart&app=1');
    });
  });

  describe('when someone tries to steer the redirect off-site', () => {
    const targets: Record<string, string> = {
      '//evil.example': '%2Fevil.example',
      '/\\evil.example/x': '%2Fevil.example%2Fx',
      'http://evil.example/x?y=1': '%2Fx%3Fy%3D1',
      '/%2F%2Fevil.example': '%2F%252F%252Fevil.example',
      '/x?next=https://evil.example': '%2Fx%3Fnext%3Dhttps%3A%2F%2Fevil.example',
    };
    for (const [target, next] of Object.entries(targets)) {
      it(`should keep the request target ${target} on this site`, () => {
        expect(guard(navigation(target)).headers.location).to.equal(`/login?next=${next}`);
      });
    }

    it('should ignore Host and X-Forwarded-* headers on a real Express request', async () => {
      const head = rawHead('//evil.example/x', {
        Accept: BROWSER,
        'X-Forwarded-Host': 'evil.example',
        'X-Forwarded-Proto': 'https',
      });
      const req = await expressRequest(head.replace('Host: localhost', 'Host: evil.example'));
      expect(guard(req).headers.location).to.equal('/login?next=%2Fevil.example%2Fx');
    });
  });

  describe('given a real framework request', () => {
    const head = rawHead('/api/items?page=2', { Accept: BROWSER });
    const location = '/login?next=%2Fapi%2Fitems%3Fpage%3D2';

    it("should redirect Express's req by its originalUrl", async () => {
      expect(guard(await expressRequest(head, '/api')).headers.location).to.equal(location);
    });

    it("should redirect Koa's ctx by its originalUrl", async () => {
      expect(guard(await koaContext(head)).headers.location).to.equal(location);
    });

    it("should redirect Fastify's request by its url", async () => {
      expect(guard(await fastifyRequest(head)).headers.location).to.equal(location);
    });

    it('should redirect a Fetch Request by its path and search', () => {
      const request = new Request('http://evil.example/api/items?page=2', { headers: { Accept: BROWSER } });
      expect(guard(request).headers.location).to.equal(location);
    });

    it('should answer a Fetch XMLHttpRequest with the 401', () => {
      const request = new Request('http://localhost/api', { headers: { Accept: BROWSER, 'X-Requested-With': 'XMLHttpRequest' } });
      expect(guard(request).status).to.equal(401);
    });
  });

  describe('given an asynchronous authentication check', () => {
    it('should answer a Promise of the redirect or the 401', async () => {
      const pending = new Dashboard().later(navigation('/d'));
      expect(pending).to.be.instanceOf(Promise);
      expect((await pending).headers.location).to.equal('/login?next=%2Fd');
      expect((await new Dashboard().later(anonymous('/d'))).status).to.equal(401);
    });

    it('should resolve to the handler result once the check resolves to true', async () => {
      const guarded = loginRequired({ loginUrl: '/login', isAuthenticated: async () => true })(async (_req: object) =>
        jsonResponse({ ok: true }),
      );
      expect((await guarded(navigation('/d'))).body).to.deep.equal({ ok: true });
    });
  });

  describe('with a synchronous check', () => {
    it('should answer synchronously', () => {
      const res = new Dashboard().show(navigation('/d'));
      expect(res).not.to.be.instanceOf(Promise);
      expect(res.headers.location).to.equal('/accounts/login/?next=%2Fd');
    });
  });

  describe('stacked over a permission guard', () => {
    class Items {
      @loginRequired({ loginUrl: '/login' })
      @permissionRequiredAjax('items.delete')
      remove(_req: object): JsonResponse {
        return jsonResponse({ removed: true });
      }
    }

    it('should redirect an anonymous browser before any permission check', () => {
      expect(new Items().remove(navigation('/items/1')).status).to.equal(302);
      expect(new Items().remove({ ...navigation('/items/1'), user: { permissions: [] } }).status).to.equal(403);
    });

    it('should record both rules, outermost first', () => {
      expect(getAccessRules(Items, 'remove')).to.deep.equal([
        { kind: 'login', loginUrl: '/login' },
        { kind: 'permission', perms: ['items.delete'] },
      ]);
    });
  });

  describe('shared by several methods, as an app-wide login_url', () => {
    const signIn = loginRequired({ loginUrl: '/login' });

    class Account {
      @signIn
      profile(_req: object): JsonResponse {
        return jsonResponse({ profile: true });
      }

      @signIn
      orders(_req: object): JsonResponse {
        return jsonResponse({ orders: [] });
      }
    }

    it('should guard each of them', () => {
      expect(new Account().profile(navigation('/profile')).headers.location).to.equal('/login?next=%2Fprofile');
      expect(new Account().orders(navigation('/orders')).headers.location).to.equal('/login?next=%2Forders');
      expect(new Account().orders({ ...navigation('/orders'), user: { id: 1 } }).body).to.deep.equal({ orders: [] });
    });
  });

  describe('on a class', () => {
    @loginRequired({ loginUrl: '/login' })
    class Pages {
      home(_req: object): JsonResponse {
        return jsonResponse({ home: true });
      }
    }

    it('should guard every handler and record the rule', () => {
      expect(new Pages().home(navigation('/')).status).to.equal(302);
      expect(getAccessRules(Pages, 'home')).to.deep.equal([{ kind: 'login', loginUrl: '/login' }]);
    });
  });

  describe('when created with bad options', () => {
    it('should require loginUrl', () => {
      expect(() => loginRequired(undefined as never)).to.throw(TypeError, /^loginRequired: options\.loginUrl is required/);
      expect(() => loginRequired({} as never)).to.throw(TypeError, /^loginRequired: options\.loginUrl is required/);
    });

    it('should throw a TypeError naming loginUrl for a value that is not a header value', () => {
      for (const loginUrl of ['', '  ', '/login\r\nSet-Cookie: a=b', '/caf\u00e9', 5]) {
        expect(() => loginRequired({ loginUrl: loginUrl as string }), JSON.stringify(loginUrl)).to.throw(
          TypeError,
          /^loginRequired: options\.loginUrl must/,
        );
      }
    });

    it('should throw a TypeError naming redirectFieldName for a bad one', () => {
      for (const redirectFieldName of ['', 7, 'a\nb']) {
        expect(() => loginRequired({ loginUrl: '/login', redirectFieldName: redirectFieldName as string })).to.throw(
          TypeError,
          /^loginRequired: options\.redirectFieldName must/,
        );
      }
    });

    it('should throw a TypeError for an unknown option, and for options that are not an object', () => {
      expect(() => loginRequired({ loginUrl: '/login', login_url: '/x' } as never)).to.throw(
        TypeError,
        /unknown setting "login_url"/,
      );
      expect(() => loginRequired('/login' as never)).to.throw(TypeError, /^loginRequired: options must be an object/);
    });
  });

  describe('types', () => {
    it('should require loginUrl, and accept an async check only on Promise-returning methods', () => {
      // @ts-expect-error loginUrl is required
      expect(() => loginRequired({ redirectFieldName: 'next' })).to.throw(TypeError);
      class Typed {
        // @ts-expect-error an async check needs a method that returns a Promise
        @loginRequired({ loginUrl: '/login', isAuthenticated: async () => true })
        sync(_req: object): JsonResponse {
          return jsonResponse({});
        }
      }
      expect(getAccessRules(Typed, 'sync')).to.deep.equal([{ kind: 'login', loginUrl: '/login' }]);
    });
  });
});
