import { findUnguardedHandlers, getAccessRules, isJsonResponse, type JsonResponse } from 'ajax-guard';
import { expect } from 'chai';
import { DemoController } from '../demo-controller.js';
import type { User } from '../users.js';

// The guards read the request only: plain objects stand in for any framework's.
const ALICE: User = { id: 1, username: 'alice', permissions: ['items.delete'] };
const BOB: User = { id: 2, username: 'bob', permissions: [] };
const anonymous = {};
const as = (user: User) => ({ user });
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

function expectRefusal(answer: unknown, status: 401 | 403): void {
  expect(isJsonResponse(answer), 'a JsonResponse').to.equal(true);
  const { body } = answer as JsonResponse;
  expect(body).to.include(
    status === 401
      ? { status: '401', message: 'Unknown authentication scheme', errorcode: 'AUTHENTICATION_REQUIRED' }
      : { status: '403', message: 'Permission denied', errorcode: 'PERMISSION_DENIED' },
  );
  expect((answer as JsonResponse).status).to.equal(status);
}

describe("the demo's DemoController, called with no server", () => {
  let demo: DemoController;
  beforeEach(() => {
    demo = new DemoController('Express');
  });

  it('guards every endpoint: none is left without a rule', () => {
    expect(findUnguardedHandlers(DemoController)).to.deep.equal([]);
    expect(getAccessRules(DemoController, 'deleteItem')).to.deep.equal([{ kind: 'permission', perms: ['items.delete'] }]);
  });

  describe('session (public)', () => {
    it('says nobody is signed in, and which framework serves the demo', () => {
      expect(demo.session(anonymous, undefined).body).to.deep.equal({ framework: 'Express', user: null });
    });

    it("shows a signed-in user's name and permissions, nothing more", () => {
      expect(demo.session(as(ALICE), ALICE).body.user).to.deep.equal({ username: 'alice', permissions: ['items.delete'] });
    });
  });

  describe('listItems (@loginRequiredAjax)', () => {
    it('answers an anonymous call with the default 401', () => {
      expectRefusal(demo.listItems(anonymous), 401);
    });

    it('lists the items for any signed-in user', () => {
      const { status, body } = demo.listItems(as(BOB));
      expect(status).to.equal(200);
      expect(body.items.map((item) => item.name)).to.deep.equal([
        'Fountain pen',
        'Bottle of ink',
        'Notebook',
        'Pencil',
        'Eraser',
      ]);
    });
  });

  describe("deleteItem (@permissionRequiredAjax('items.delete'))", () => {
    it('answers an anonymous call with the 401, and deletes nothing', () => {
      expectRefusal(demo.deleteItem(anonymous, '1'), 401);
      expect(demo.listItems(as(ALICE)).body.items).to.have.length(5);
    });

    it('answers a user without items.delete with the 403, and deletes nothing', () => {
      expectRefusal(demo.deleteItem(as(BOB), '1'), 403);
      expect(demo.listItems(as(ALICE)).body.items).to.have.length(5);
    });

    it('deletes the item for a user with items.delete, and answers with what is left', () => {
      const { status, body } = demo.deleteItem(as(ALICE), '1');
      expect(status).to.equal(200);
      expect(body).to.deep.include({ deleted: { id: 1, name: 'Fountain pen' } });
      expect((body as { items: unknown[] }).items).to.have.length(4);
    });

    for (const id of ['1', '99', 'pen', '1e3', '00000000001']) {
      it(`answers 404 JSON for an item that is not there (id ${JSON.stringify(id)})`, () => {
        demo.deleteItem(as(ALICE), '1');
        const { status, body } = demo.deleteItem(as(ALICE), id);
        expect(status).to.equal(404);
        expect(body).to.include({ status: '404', errorcode: 'ITEM_NOT_FOUND' });
      });
    }

    it('restocks the shelf once its last item is gone, with new ids', () => {
      for (const id of ['1', '2', '3', '4', '5']) demo.deleteItem(as(ALICE), id);
      expect(demo.listItems(as(ALICE)).body.items.map((item) => item.id)).to.deep.equal([6, 7, 8, 9, 10]);
    });
  });

  describe("account (@loginRequired({ loginUrl: '/login' }))", () => {
    let rendered: string[];
    const render = (html: string): void => {
      rendered.push(html);
    };
    beforeEach(() => {
      rendered = [];
    });

    it('redirects an anonymous browser navigation to the login page, with the way back, and renders nothing', () => {
      const answer = demo.account({ originalUrl: '/account', headers: { accept: BROWSER_ACCEPT } }, BOB, render);
      expect(answer?.status).to.equal(302);
      expect(answer?.headers.location).to.equal('/login?next=%2Faccount');
      expect(rendered).to.deep.equal([]);
    });

    it("answers an anonymous script's call with the 401", () => {
      expectRefusal(
        demo.account({ originalUrl: '/account', headers: { 'x-requested-with': 'XMLHttpRequest' } }, BOB, render),
        401,
      );
      expect(rendered).to.deep.equal([]);
    });

    it("renders a signed-in user's page through the framework, with every value escaped, and returns nothing", () => {
      const mallory: User = { id: 3, username: '<img src=x onerror=alert(1)>', permissions: ['"quoted"'] };
      expect(demo.account(as(mallory), mallory, render)).to.equal(undefined);
      const [html] = rendered as [string];
      expect(html).to.contain('Signed in as &lt;img src=x onerror=alert(1)&gt;');
      expect(html).to.contain('&quot;quoted&quot;');
      expect(html).to.not.contain('<img');
    });
  });

  describe("itemsFragment (@loginRequired({ loginUrl: '/login' }))", () => {
    it('answers an anonymous script with the 401 and renders nothing', () => {
      const rendered: string[] = [];
      const answer = demo.itemsFragment({ headers: { 'x-requested-with': 'XMLHttpRequest' } }, (html) => rendered.push(html));
      expectRefusal(answer, 401);
      expect(rendered).to.deep.equal([]);
    });

    it('renders the items as a list for a signed-in user, and returns nothing', () => {
      const rendered: string[] = [];
      expect(demo.itemsFragment(as(BOB), (html) => rendered.push(html))).to.equal(undefined);
      expect(rendered).to.have.length(1);
      expect(rendered[0]).to.match(/^<ul class="items">\n {2}<li>Fountain pen<\/li>\n/);
      expect(rendered[0]).to.contain('5 items');
    });
  });
});
