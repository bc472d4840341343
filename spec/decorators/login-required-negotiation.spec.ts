import { configure, isJsonResponse, type JsonResponse, jsonResponse, loginRequired, resetSettings } from 'ajax-guard';
import { expect } from 'chai';
import { expressRequest, rawHead } from '../support/captured-requests.js';
import { inMode } from '../support/decorator-mode.js';
import { expectDefault401 } from '../support/default-refusal.js';

const VARY = 'Accept, X-Requested-With, Sec-Fetch-Mode, HX-Request';
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

const respond = (_req: object): JsonResponse => jsonResponse({ ok: true });
const guard = loginRequired({ loginUrl: '/login' })(respond);

const htmx = (url: string, currentUrl?: string) => ({
  url,
  headers: {
    'hx-request': 'true',
    accept: 'text/html',
    'sec-fetch-mode': 'cors',
    ...(currentUrl === undefined ? {} : { 'hx-current-url': currentUrl }),
  },
});

// The `next` a browser would read from a login URL.
const nextOf = (location: string | undefined): string | null =>
  new URL(location as string, 'http://site.example').searchParams.get('next');

class Pages {
  @loginRequired({ loginUrl: '/accounts/login/?next=/home' })
  fragment(_req: object): JsonResponse {
    return jsonResponse({ fragment: true });
  }
}

describe(inMode('loginRequired: browsers, scripts and htmx'), () => {
  afterEach(() => resetSettings());

  describe('when a browser says Sec-Fetch-Mode', () => {
    it('should redirect a navigation, whatever Accept says', () => {
      const res = guard({ url: '/account', headers: { 'sec-fetch-mode': 'navigate', accept: '*/*' } });
      expect(res.status).to.equal(302);
      expect(res.headers).to.include({ location: '/login?next=%2Faccount', vary: VARY, 'cache-control': 'no-store' });
    });

    it("should answer a script's fetch 401, even one that asks for HTML", () => {
      for (const mode of ['cors', 'same-origin', 'no-cors']) {
        const res = guard({ url: '/account', headers: { 'sec-fetch-mode': mode, accept: 'text/html' } });
        expectDefault401(res);
        expect(res.headers.vary).to.equal(VARY);
        expect(res.headers).not.to.have.property('location');
        expect(res.headers).not.to.have.property('hx-redirect');
      }
    });
  });

  describe('when htmx asks (HX-Request: true)', () => {
    it('should answer 401 with hx-redirect to the login page, next being the page htmx is on', () => {
      const res = guard(htmx('/fragments/cart', 'https://shop.example/checkout?step=2#pay'));
      expectDefault401(res);
      expect(res.headers['hx-redirect']).to.equal('/login?next=%2Fcheckout%3Fstep%3D2');
      expect(res.headers.vary).to.equal(VARY);
    });

    it('should fall back to the request path without HX-Current-URL, or with one that does not parse', () => {
      expect(guard(htmx('/fragments/cart?x=1')).headers['hx-redirect']).to.equal('/login?next=%2Ffragments%2Fcart%3Fx%3D1');
      expect(guard(htmx('/fragments/cart', 'http://[::1')).headers['hx-redirect']).to.equal('/login?next=%2Ffragments%2Fcart');
    });

    it('should send a boosted link back to the page it asked for, and a boosted form to the page it is on', () => {
      const boosted = (method: string) => {
        const request = htmx('/orders?page=2', 'https://shop.example/home');
        return { ...request, method, headers: { ...request.headers, 'hx-boosted': 'true' } };
      };
      expect(guard(boosted('GET')).headers['hx-redirect']).to.equal('/login?next=%2Forders%3Fpage%3D2');
      expect(guard(boosted('POST')).headers['hx-redirect']).to.equal('/login?next=%2Fhome');
      expect(guard({ ...htmx('/orders', 'https://shop.example/home'), method: 'GET' }).headers['hx-redirect']).to.equal(
        '/login?next=%2Fhome',
      );
    });

    const steered: Record<string, string> = {
      'https://evil.example/page': '/page',
      'https://site.example//evil.example/x': '/evil.example/x',
      'https://site.example/..//evil.example': '/evil.example',
      'https://site.example/a/%2e%2e//evil.example': '/evil.example',
      '//evil.example/x?y=1': '/x?y=1',
      '/\\evil.example': '/',
      'javascript:alert(1)': '/alert(1)',
    };
    for (const [current, next] of Object.entries(steered)) {
      it(`should take only a path on this site from HX-Current-URL ${current}`, () => {
        const location = guard(htmx('/f', current)).headers['hx-redirect'];
        expect(nextOf(location)).to.equal(next);
        expect(new URL(nextOf(location) as string, 'http://site.example').host).to.equal('site.example');
      });
    }

    it("should keep a render hook's status and body, and add hx-redirect", () => {
      const render = () => jsonResponse({ denied: true }, { status: 401 });
      const res = loginRequired({ loginUrl: '/login', render })(respond)(htmx('/f', 'http://x/page'));
      expect(res.body).to.deep.equal({ denied: true });
      expect(res.headers).to.include({ 'hx-redirect': '/login?next=%2Fpage', vary: VARY, 'cache-control': 'no-store' });
    });

    it('should replace a next the login URL already has, in both answers, on a decorated method', () => {
      const pages = new Pages();
      const fragment = pages.fragment(htmx('/f', 'https://site.example/cart'));
      expect(fragment.headers['hx-redirect']).to.equal('/accounts/login/?next=%2Fcart');
      const page = pages.fragment({ url: '/cart', headers: { 'sec-fetch-mode': 'navigate' } });
      expect(page.headers.location).to.equal('/accounts/login/?next=%2Fcart');
    });
  });

  describe('given a loginUrl that already has the redirect field', () => {
    const locationFor = (loginUrl: string, redirectFieldName?: string) =>
      loginRequired({ loginUrl, redirectFieldName })(respond)({ url: '/cart', headers: { accept: BROWSER } }).headers.location;

    it('should replace it where it stands, dropping any repeat, and keep the other parameters', () => {
      expect(locationFor('/login?next=/old')).to.equal('/login?next=%2Fcart');
      expect(locationFor('/login?app=1&next=/old&lang=fr&next=/other#form')).to.equal('/login?app=1&next=%2Fcart&lang=fr#form');
      expect(locationFor('https://sso.example/login?ne%78t=x&app=1')).to.equal('https://sso.example/login?next=%2Fcart&app=1');
    });

    it('should replace only the parameter named by redirectFieldName', () => {
      expect(locationFor('/login?next=/keep&return_to=/old', 'return_to')).to.equal('/login?next=/keep&return_to=%2Fcart');
      expect(locationFor('/login?back+to=/old', 'back to')).to.equal('/login?back%20to=%2Fcart');
    });
  });

  describe('when the request path holds dot-segments', () => {
    const targets: Record<string, string> = {
      '/..//evil.example': '/evil.example',
      '/a/../..//evil.example/x': '/evil.example/x',
      '/%2e%2e//evil.example': '/evil.example',
      '/.%2E/\\evil.example': '/evil.example',
      '/a/./b/../c?d=/../e': '/a/c?d=/../e',
    };
    for (const [target, next] of Object.entries(targets)) {
      it(`should send ${target} back as ${next}, which no browser reads as another host`, () => {
        expect(nextOf(guard({ url: target, headers: { accept: BROWSER } }).headers.location)).to.equal(next);
      });
    }

    it('should resolve them on a real Express request, as the browser would', async () => {
      const req = await expressRequest(rawHead('/..//evil.example/x?y=1', { Accept: BROWSER }));
      expect(guard(req).headers.location).to.equal('/login?next=%2Fevil.example%2Fx%3Fy%3D1');
    });
  });

  describe("the 401's cost", () => {
    it('should be one response per guard within a second, rebuilt for the next second or new settings', () => {
      let now = 1_764_000_000_000;
      configure({ clock: () => now });
      const script = { url: '/a', headers: { accept: 'application/json' } };
      const first = guard(script);
      expect(guard({ url: '/b', headers: {} })).to.equal(first);
      now += 1000;
      const next = guard(script);
      expect(next).not.to.equal(first);
      expect((next.body as { timestamp: string }).timestamp).to.equal('1764000001');
      configure({ challenge: 'Bearer' });
      expect(guard(script).headers['www-authenticate']).to.equal('Bearer');
    });

    it('should build each redirect for its own path, a frozen response an adapter recognises', () => {
      const redirect = guard({ url: '/a', headers: { accept: BROWSER } });
      expect(redirect.headers.location).to.equal('/login?next=%2Fa');
      expect(isJsonResponse(redirect)).to.equal(true);
      expect(Object.isFrozen(redirect.headers)).to.equal(true);
      expect(redirect.headers['content-type']).to.equal('application/json; charset=utf-8');
      expect(guard({ url: '/b', headers: { accept: BROWSER } }).headers.location).to.equal('/login?next=%2Fb');
    });

    it('should never take vary from a polluted Object.prototype', () => {
      const polluted = Object.prototype as Record<string, unknown>;
      polluted.vary = 'Cookie';
      try {
        expect(loginRequired({ loginUrl: '/login' })(respond)({ url: '/a' }).headers.vary).to.equal(VARY);
      } finally {
        delete polluted.vary;
      }
    });
  });
});
