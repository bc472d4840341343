import { get } from 'node:http';
import { expect } from 'chai';
import type { DemoServer } from '../servers/demo-server.js';
import { FRAMEWORKS, loadServer } from '../servers/frameworks.js';
import { Visitor } from './support/visitor.js';

const LABELS = { express: 'Express', koa: 'Koa', fastify: 'Fastify' } as const;
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

// A browser's navigation: Node's fetch always says Sec-Fetch-Mode: cors, as a script's fetch does.
function navigate(url: string): Promise<{ status?: number; location?: string }> {
  return new Promise((resolve, reject) => {
    const headers = { accept: BROWSER_ACCEPT, 'sec-fetch-mode': 'navigate' };
    const request = get(url, { headers, timeout: 5_000 }, (response) => {
      response.resume();
      resolve({ status: response.statusCode, location: response.headers.location });
    });
    request.on('timeout', () => request.destroy(new Error(`${url} timed out`)));
    request.on('error', reject);
  });
}

describe("the demo's servers, over HTTP", () => {
  for (const framework of FRAMEWORKS) {
    describe(`on ${LABELS[framework]}`, () => {
      let server: DemoServer;
      before(async () => {
        server = await (await loadServer(framework))({ host: '127.0.0.1', port: 0 });
      });
      after(() => server.close());

      it('serves the page, its script and the login page', async () => {
        const visitor = new Visitor(server.url);
        const page = await visitor.request('GET', '/');
        expect([page.status, page.headers.get('content-type')]).to.deep.equal([200, 'text/html; charset=utf-8']);
        expect(page.text).to.contain('<script type="module" src="/demo.mjs">');
        expect((await visitor.request('GET', '/demo.mjs')).headers.get('content-type')).to.match(
          /^(text|application)\/javascript/,
        );
        expect((await visitor.request('GET', '/login')).text).to.contain('<form id="login-form"');
      });

      it('says who serves it, and that nobody is signed in', async () => {
        const answer = await new Visitor(server.url).ajax('GET', '/api/session');
        expect(answer.json()).to.deep.equal({ framework: LABELS[framework], user: null });
      });

      it('answers an anonymous call with the default 401 JSON', async () => {
        const answer = await new Visitor(server.url).ajax('GET', '/api/items');
        expect(answer.status).to.equal(401);
        expect(answer.headers.get('www-authenticate')).to.equal('Session');
        expect(answer.json()).to.include({ status: '401', errorcode: 'AUTHENTICATION_REQUIRED' });
      });

      it('redirects an anonymous browser from /account to the login page, and answers a script 401', async () => {
        const visitor = new Visitor(server.url);
        const navigation = await navigate(`${server.url}/account`);
        expect([navigation.status, navigation.location]).to.deep.equal([302, '/login?next=%2Faccount']);
        const scriptAskingForHtml = await visitor.request('GET', '/account', { headers: { accept: BROWSER_ACCEPT } });
        expect(scriptAskingForHtml.status).to.equal(401);
        expect((await visitor.ajax('GET', '/account')).status).to.equal(401);
      });

      it('signs nobody in with a wrong password', async () => {
        const visitor = new Visitor(server.url);
        // Passport's own answer, in each framework's format: only its status is the demo's business.
        expect((await visitor.logIn('alice', 'bob')).status).to.equal(401);
        expect((await visitor.ajax('GET', '/api/items')).status).to.equal(401);
      });

      it('lets bob list the items, but answers his delete with the 403 JSON', async () => {
        const bob = new Visitor(server.url);
        expect((await bob.logIn('bob', 'bob')).json().user).to.deep.equal({ username: 'bob', permissions: [] });
        expect((await bob.ajax('GET', '/api/items')).json().items).to.have.length(5);
        const denied = await bob.ajax('DELETE', '/api/items/1');
        expect(denied.status).to.equal(403);
        expect(denied.json()).to.include({ status: '403', message: 'Permission denied', errorcode: 'PERMISSION_DENIED' });
      });

      it('lets alice delete an item, once', async () => {
        const alice = new Visitor(server.url);
        await alice.logIn('alice', 'alice');
        const deleted = await alice.ajax('DELETE', '/api/items/2');
        expect([deleted.status, deleted.json().deleted]).to.deep.equal([200, { id: 2, name: 'Bottle of ink' }]);
        expect((await alice.ajax('DELETE', '/api/items/2')).status).to.equal(404);
      });

      it('shows a signed-in browser its account page', async () => {
        const alice = new Visitor(server.url);
        await alice.logIn('alice', 'alice');
        const page = await alice.request('GET', '/account', { headers: { accept: BROWSER_ACCEPT } });
        expect([page.status, page.headers.get('content-type')]).to.deep.equal([200, 'text/html; charset=utf-8']);
        expect(page.text).to.contain('Signed in as alice');
      });

      it('logs out: the same visitor gets the 401 again', async () => {
        const bob = new Visitor(server.url);
        await bob.logIn('bob', 'bob');
        expect((await bob.ajax('POST', '/api/logout')).json()).to.deep.equal({ framework: LABELS[framework], user: null });
        expect((await bob.ajax('GET', '/api/items')).status).to.equal(401);
      });
    });
  }
});
