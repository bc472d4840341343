import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.js';
import { type ClientApp, startClientApp } from './support/client-app.js';
import { SCRIPT_CLIENTS } from './support/harness-pages.js';

// build/examples/demo/test/ -> the repository.
const GUIDE = resolve(__dirname, '../../../../docs/browser-client.md');

/** The code blocks of the browser-client guide marked `<!-- tested: name -->`, by name. */
function guideSnippets(): Record<string, string> {
  const snippets: Record<string, string> = {};
  for (const [, name, code] of readFileSync(GUIDE, 'utf8').matchAll(/<!-- tested: (\w+) -->\n```js\n([\s\S]*?)```/g)) {
    snippets[name as string] = code as string;
  }
  return snippets;
}

// The page's own logIn, as the guide assumes one: here it signs in at once.
const LOG_IN = `const logIn = async () => {
  await fetch('/login', { method: 'POST', redirect: 'manual' });
  return true;
};`;

// Bounds every wait on a page: a step that never happens fails, it does not hang.
const STEP_TIMEOUT_MS = 5_000;

interface Received {
  readonly status: number;
  readonly text: string;
  readonly type: string | null;
}

// The errorcode of a guard's 401 JSON body, or what was received instead.
const errorcodeOf = ({ text }: Received): unknown => {
  try {
    return JSON.parse(text).errorcode;
  } catch {
    return `not JSON: ${text.slice(0, 80)}`;
  }
};

describe('browser clients against the guards, in headless Chromium', () => {
  let browser: Browser;
  let app: ClientApp;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: Error[] = [];

  /** The requests the server saw for `paths`, in order, since the test began. */
  const seenFor = (...paths: string[]): string[] => app.seen.filter((line) => paths.includes(line.split(' ')[1] as string));
  const signIn = () => context.addCookies([{ name: 'signed_in', value: '1', url: app.url }]);
  const open = async (name: string, origin = app.url): Promise<void> => {
    await page.goto(`${origin}/page/${name}`);
    if (name === 'scripts') await page.waitForFunction('typeof window.createFetch === "function"');
  };

  before(async () => {
    browser = await launchChromium();
    app = await startClientApp();
    context = await browser.newContext();
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    await context.clearCookies();
    app.seen.length = 0;
  });
  afterEach(() => {
    expect(pageErrors, "the page's script threw").to.deep.equal([]);
  });

  describe('signed out, every script client gets the 401 JSON, never the login page', () => {
    before(() => open('scripts'));
    for (const client of SCRIPT_CLIENTS) {
      for (const path of ['/ajax', '/fragment']) {
        it(`${client}: GET ${path} (${path === '/ajax' ? 'loginRequiredAjax' : 'loginRequired'})`, async () => {
          const received: Received = await page.evaluate(([c, p]) => (globalThis as any).callWith(c, p), [client, path]);
          expect([received.status, errorcodeOf(received)]).to.deep.equal([401, 'AUTHENTICATION_REQUIRED']);
          expect(seenFor('/login'), 'no redirect followed to the login page').to.deep.equal([]);
        });
      }
    }
  });

  describe('signed in, every script client gets the data', () => {
    before(() => open('scripts'));
    for (const client of SCRIPT_CLIENTS) {
      it(`${client}: GET /ajax and GET /fragment answer 200`, async () => {
        await signIn();
        const ajax: Received = await page.evaluate(([c]) => (globalThis as any).callWith(c, '/ajax'), [client]);
        const fragment: Received = await page.evaluate(([c]) => (globalThis as any).callWith(c, '/fragment'), [client]);
        expect([ajax.status, JSON.parse(ajax.text)]).to.deep.equal([200, { route: 'ajax' }]);
        expect([fragment.status, fragment.text]).to.deep.equal([200, '<p id="fragment">The fragment</p>']);
      });
    }
  });

  for (const htmx of ['htmx4', 'htmx2']) {
    describe(`${htmx === 'htmx4' ? 'htmx 4' : 'htmx 2'}`, () => {
      it('on loginRequired signed out: ends on the login page, and returns to the page after sign-in', async () => {
        await open(htmx);
        const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/fragment');
        await page.click('#fragment');
        expect((await answered).status()).to.equal(401);
        await page.waitForURL(`${app.url}/login?next=%2Fpage%2F${htmx}`);
        await page.getByRole('button', { name: 'Log in' }).click();
        await page.waitForURL(`${app.url}/page/${htmx}`);
        await page.click('#fragment');
        await page.locator('#target #fragment').waitFor();
        expect(seenFor('/fragment', '/login')).to.deep.equal(['GET /fragment', 'GET /login', 'POST /login', 'GET /fragment']);
      });

      it('on loginRequiredAjax signed out: gets the 401 JSON and stays on the page', async () => {
        await open(htmx);
        const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/ajax');
        await page.click('#ajax');
        const response = await answered;
        expect([response.status(), (await response.json()).errorcode]).to.deep.equal([401, 'AUTHENTICATION_REQUIRED']);
        expect(page.url()).to.equal(`${app.url}/page/${htmx}`);
        expect(seenFor('/login')).to.deep.equal([]);
      });

      it('signed in: swaps in what either route answers', async () => {
        await signIn();
        await open(htmx);
        await page.click('#ajax');
        await page.locator('#target').filter({ hasText: '"route":"ajax"' }).waitFor();
        await page.click('#fragment');
        await page.locator('#target #fragment').waitFor();
      });
    });
  }

  describe('a CORS preflight to a guarded View', () => {
    it('passes, so that a cross-origin DELETE reaches the guard and reads its 401', async () => {
      await open('scripts', app.otherOrigin);
      const received: Received = await page.evaluate(async (url) => {
        const response = await fetch(`${url}/view`, { method: 'DELETE' });
        return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
      }, app.url);
      expect([received.status, errorcodeOf(received)]).to.deep.equal([401, 'AUTHENTICATION_REQUIRED']);
      expect(seenFor('/view')).to.deep.equal(['OPTIONS /view', 'DELETE /view']);
    });
  });

  describe('the snippets of docs/browser-client.md, run as written', () => {
    const snippets = guideSnippets();
    const install = (name: string) => page.addScriptTag({ content: [LOG_IN, snippets.helpers, snippets[name]].join('\n') });

    it('has the four, and the helpers they use', () => {
      expect(Object.keys(snippets).sort()).to.deep.equal(['axios', 'helpers', 'htmx2', 'htmx4', 'jquery']);
    });

    it('axios: the interceptor logs in on the 401 and retries once', async () => {
      await open('scripts');
      await install('axios');
      expect(await page.evaluate('axios.get("/ajax").then((response) => response.data)')).to.deep.equal({ route: 'ajax' });
      expect(seenFor('/ajax', '/login')).to.deep.equal(['GET /ajax', 'POST /login', 'GET /ajax']);
    });

    it('jQuery: the wrapper logs in on the 401 and retries once', async () => {
      await open('scripts');
      await install('jquery');
      expect(await page.evaluate('ajax({ url: "/ajax", dataType: "json" })')).to.deep.equal({ route: 'ajax' });
      expect(seenFor('/ajax', '/login')).to.deep.equal(['GET /ajax', 'POST /login', 'GET /ajax']);
    });

    for (const htmx of ['htmx4', 'htmx2']) {
      it(`${htmx === 'htmx4' ? 'htmx 4' : 'htmx 2'}: the listener logs in on the 401 of loginRequiredAjax and issues the request again`, async () => {
        await open(htmx);
        await install(htmx);
        await page.click('#ajax');
        await page.locator('#target').filter({ hasText: '"route":"ajax"' }).waitFor();
        expect(seenFor('/ajax', '/login')).to.deep.equal(['GET /ajax', 'POST /login', 'GET /ajax']);
      });
    }

    it('htmx 4: the listener leaves the hx-redirect of loginRequired to htmx', async () => {
      await open('htmx4');
      await install('htmx4');
      await page.click('#fragment');
      await page.waitForURL(`${app.url}/login?next=%2Fpage%2Fhtmx4`);
      expect(seenFor('/login')).to.deep.equal(['GET /login']);
    });
  });

  describe('createFetch from ajax-guard/client, loaded as the package ships it', () => {
    before(() => open('scripts'));

    // Makes `window.api` with a login that signs in (when `signIn`) and resolves `answer`.
    const makeApi = (answer: boolean, ownFetch = false) =>
      page.evaluate(
        ([answerWith, withFetch]) => {
          const w = globalThis as any;
          w.heard = { logins: 0, forbidden: [] as number[] };
          w.api = w.createFetch({
            // The page's fetch as an option, taken off window: createFetch must not call it as a method of anything.
            ...(withFetch ? { fetch: w.fetch } : {}),
            login: async () => {
              w.heard.logins++;
              if (answerWith) await fetch('/login', { method: 'POST', redirect: 'manual' });
              return answerWith;
            },
            forbidden: (response: { status: number }) => w.heard.forbidden.push(response.status),
          });
        },
        [answer, ownFetch],
      );
    const call = (path: string, method = 'GET'): Promise<Received & { heard: { logins: number; forbidden: number[] } }> =>
      page.evaluate(
        async ([p, m]) => {
          const w = globalThis as any;
          const response = await w.api(p, { method: m });
          return {
            status: response.status,
            text: await response.text(),
            type: response.headers.get('content-type'),
            heard: w.heard,
          };
        },
        [path, method],
      );

    it('logs in on the 401 of loginRequiredAjax and retries exactly once', async () => {
      await makeApi(true);
      const received = await call('/ajax');
      expect([received.status, JSON.parse(received.text)]).to.deep.equal([200, { route: 'ajax' }]);
      expect(received.heard.logins).to.equal(1);
      expect(seenFor('/ajax', '/login')).to.deep.equal(['GET /ajax', 'POST /login', 'GET /ajax']);
    });

    it('logs in on the 401 of loginRequired (a fetch is no navigation) and retries exactly once, through the fetch it is given', async () => {
      await makeApi(true, true);
      const received = await call('/fragment');
      expect([received.status, received.text]).to.deep.equal([200, '<p id="fragment">The fragment</p>']);
      expect(seenFor('/fragment', '/login')).to.deep.equal(['GET /fragment', 'POST /login', 'GET /fragment']);
    });

    it('does not retry when login resolves false, and returns the 401', async () => {
      await makeApi(false);
      const received = await call('/ajax');
      expect([received.status, errorcodeOf(received)]).to.deep.equal([401, 'AUTHENTICATION_REQUIRED']);
      expect(received.heard.logins).to.equal(1);
      expect(seenFor('/ajax', '/login')).to.deep.equal(['GET /ajax']);
    });

    it('calls forbidden on the 403 of permissionRequiredAjax, and returns it', async () => {
      await signIn();
      await makeApi(true);
      const received = await call('/admin', 'DELETE');
      expect([received.status, errorcodeOf(received)]).to.deep.equal([403, 'PERMISSION_DENIED']);
      expect(received.heard).to.deep.equal({ logins: 0, forbidden: [403] });
      expect(seenFor('/admin')).to.deep.equal(['DELETE /admin']);
    });
  });
});
