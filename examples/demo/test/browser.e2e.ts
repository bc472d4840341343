import { copyFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext } from 'playwright-core';
import { FRAMEWORKS } from '../servers/frameworks.js';
import { launchChromium } from './support/chromium.js';
import { DemoPage } from './support/demo-page.js';
import { DEMO_MAIN, type DemoProcess, startDemo } from './support/demo-process.js';

// build/examples/demo/test/ -> the repository.
const ROOT = resolve(__dirname, '../../../..');
const SCREENSHOTS = resolve(ROOT, 'build/e2e-screenshots');
/** The one screenshot the README shows, taken on Express and committed. */
const README_SCREENSHOT = resolve(ROOT, 'examples/demo/screenshot.png');

// Bounds every wait on the page: a step that never happens fails, it does not hang.
const STEP_TIMEOUT_MS = 5_000;

const DEFAULT_401 = { status: '401', message: 'Unknown authentication scheme', errorcode: 'AUTHENTICATION_REQUIRED' };
const DEFAULT_403 = { status: '403', message: 'Permission denied', errorcode: 'PERMISSION_DENIED' };

const LABELS = { express: 'Express', koa: 'Koa', fastify: 'Fastify' } as const;

describe('the demo, in headless Chromium', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());

  for (const framework of FRAMEWORKS) {
    describe(`on ${LABELS[framework]} (npm start -- --framework ${framework})`, () => {
      let demo: DemoProcess;
      let context: BrowserContext;
      let page: DemoPage;
      const pageErrors: Error[] = [];
      const screenshot = (name: string): Promise<void> => page.screenshot(resolve(SCREENSHOTS, framework, `${name}.png`));

      before(async () => {
        // A fixed clock: the committed screenshot changes only when the page does.
        demo = await startDemo(process.execPath, [DEMO_MAIN, '--framework', framework, '--now', '1764000000000']);
        context = await browser.newContext({ viewport: { width: 1180, height: 760 } });
        context.setDefaultTimeout(STEP_TIMEOUT_MS);
        const tab = await context.newPage();
        tab.on('pageerror', (error) => pageErrors.push(error));
        page = new DemoPage(tab, demo.url);
      });
      after(async () => {
        await context?.close();
        await demo?.stop();
      });
      afterEach(() => {
        expect(pageErrors, "the page's script threw").to.deep.equal([]);
        expect(demo.stderr(), 'the server wrote to stderr').to.equal('');
      });

      it('serves the page, which says who serves it and that nobody is signed in', async () => {
        await page.open();
        expect(await page.page.locator('#framework').textContent()).to.equal(LABELS[framework]);
        expect(await page.who().textContent()).to.equal('Not signed in');
      });

      it('shows the 401 JSON an anonymous call receives, and opens the login form', async () => {
        const { line, body } = await page.listItems();
        expect(line).to.equal('GET /api/items → 401 Unauthorized');
        expect(body).to.include(DEFAULT_401);
        expect(body.timestamp).to.match(/^\d+$/);
        await page.loginForm().waitFor();
        // A string, evaluated in the page: this file is compiled without the DOM's types.
        expect(await page.page.evaluate('document.activeElement.id'), 'focus').to.equal('username');
        await screenshot('1-anonymous-401');
        // The README shows the original snippet's point: a 401 the script uses to ask the user to log in.
        if (framework === 'express') copyFileSync(resolve(SCREENSHOTS, framework, '1-anonymous-401.png'), README_SCREENSHOT);
      });

      it('says so when the password is wrong, and keeps the form open', async () => {
        await page.logIn('alice', 'not her password');
        await page.loginForm().getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();
        expect(await page.who().textContent()).to.equal('Not signed in');
      });

      it('logs alice in, retries the call and shows the items', async () => {
        await page.logIn('alice', 'alice');
        const { line, body } = await page.shownAnswer('GET /api/items → 200');
        expect(line).to.equal('GET /api/items → 200 OK');
        expect(body.items).to.have.length(5);
        expect(await page.items().count()).to.equal(5);
        expect(await page.who().textContent()).to.equal('Signed in as alice (items.delete)');
        await page.loginForm().waitFor({ state: 'hidden' });
        await screenshot('2-alice-items');
      });

      it('lets alice, who has items.delete, delete an item', async () => {
        const first = (await page.items().first().textContent()) as string;
        const { line, body } = await page.deleteFirstItem();
        expect(line).to.match(/^DELETE \/api\/items\/\d+ → 200 OK$/);
        expect(first).to.contain((body.deleted as { name: string }).name);
        await page.items().nth(3).waitFor();
        expect(await page.items().count()).to.equal(4);
      });

      it('logs out, after which the same call gets the 401 again', async () => {
        await page.logOut();
        expect(await page.items().count()).to.equal(0);
        const { line, body } = await page.listItems();
        expect(line).to.equal('GET /api/items → 401 Unauthorized');
        expect(body).to.include(DEFAULT_401);
        await page.loginForm().waitFor();
      });

      it('gives bob, who lacks items.delete, the items but the 403 JSON on delete', async () => {
        await page.logIn('bob', 'bob');
        await page.shownAnswer('GET /api/items → 200');
        expect(await page.who().textContent()).to.equal('Signed in as bob (no permissions)');
        const { line, body } = await page.deleteFirstItem();
        expect(line).to.match(/^DELETE \/api\/items\/\d+ → 403 Forbidden$/);
        expect(body).to.include(DEFAULT_403);
        expect(await page.items().count(), 'nothing deleted').to.equal(4);
        await screenshot('3-bob-403');
      });

      it('lists the items after a login from the Log in button, with no call to retry', async () => {
        await page.logOut();
        await page.page.getByRole('button', { name: 'Log in' }).click();
        await page.logIn('alice', 'alice');
        await page.shownAnswer('GET /api/items → 200');
        expect(await page.items().count()).to.equal(4);
        await page.logOut();
      });

      it('redirects a browser opening /account to the login page, and back after login', async () => {
        await page.page.goto(`${demo.url}/account`);
        expect(new URL(page.page.url()).pathname + new URL(page.page.url()).search).to.equal('/login?next=%2Faccount');
        expect(await page.page.locator('#next-path').textContent()).to.equal('/account');
        await screenshot('4-login-page');
        await page.logIn('bob', 'bob');
        await page.page.getByRole('heading', { name: 'Signed in as bob' }).waitFor();
        expect(new URL(page.page.url()).pathname).to.equal('/account');
        await screenshot('5-account');
      });

      it('never follows a next parameter to another site', async () => {
        await page.page.goto(`${demo.url}/login?next=//evil.example/account`);
        await page.logIn('bob', 'bob');
        await page.page.waitForURL(`${demo.url}/`);
        await page.who().filter({ hasText: 'Signed in as bob' }).waitFor();
        // Signed in already, the page lists the items as it opens.
        await page.shownAnswer('GET /api/items → 200');
      });

      it('sends htmx, signed out, to the login page, and back to the page with its fragment loaded', async () => {
        await page.logOut();
        await page.page.getByRole('button', { name: 'Load with htmx' }).click();
        await page.page.waitForURL(`${demo.url}/login?next=%2F`);
        await page.logIn('alice', 'alice');
        await page.page.waitForURL(`${demo.url}/`);
        await page.page.locator('#htmx-status').filter({ hasText: 'GET /fragments/items → 200 OK' }).waitFor();
        expect(await page.page.getByRole('region', { name: 'Items from htmx' }).getByRole('listitem').count()).to.equal(4);
        await screenshot('6-htmx-after-login');
      });

      it('gives jQuery, signed out, the 401 JSON, opens the login form, and loads the fragment after it', async () => {
        await page.logOut();
        const answered = page.page.waitForResponse((response) => new URL(response.url()).pathname === '/fragments/items');
        await page.page.getByRole('button', { name: 'Load with jQuery' }).click();
        expect((await answered).status()).to.equal(401);
        await page.page.locator('#jquery-status').filter({ hasText: 'GET /fragments/items → 401 Unauthorized' }).waitFor();
        await page.loginForm().waitFor();
        await page.logIn('bob', 'bob');
        await page.page.locator('#jquery-status').filter({ hasText: 'GET /fragments/items → 200 OK' }).waitFor();
        expect(await page.page.getByRole('region', { name: 'Items from jQuery' }).getByRole('listitem').count()).to.equal(4);
        await page.logOut();
      });
    });
  }

  describe('npm start, as a newcomer runs it', () => {
    let demo: DemoProcess | undefined;
    after(() => demo?.stop());

    it('builds what it needs and serves the page on Express', async function () {
      // The build comes first: bounded by startDemo's own wait, and this one above it.
      this.timeout(90_000);
      demo = await startDemo('npm', ['start', '--silent']);
      const tab = await browser.newPage();
      tab.setDefaultTimeout(STEP_TIMEOUT_MS);
      const page = new DemoPage(tab, demo.url);
      await page.open();
      expect(await page.page.locator('#framework').textContent()).to.equal('Express');
      await page.page.close();
    });
  });
});
