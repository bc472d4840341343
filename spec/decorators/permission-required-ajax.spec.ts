import {
  allowAnonymous,
  configure,
  type Denial,
  getAccessRules,
  type JsonResponse,
  jsonResponse,
  permissionRequiredAjax,
} from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { inMode } from '../support/decorator-mode.js';
import { expectDefault401 } from '../support/default-refusal.js';
import { rejectionOf } from '../support/promises.js';

type Body = Record<string, string>;

const ANONYMOUS = {};
const VIEWER = { user: { id: 1, permissions: ['items.view'] } };
const EDITOR = { user: { id: 2, permissions: new Set(['items.view', 'items.delete']) } };

class Items {
  @permissionRequiredAjax('items.delete')
  remove(_req: object): JsonResponse {
    return jsonResponse({ removed: true });
  }

  @permissionRequiredAjax(['items.view', 'items.delete'])
  purge(_req: object): JsonResponse {
    return jsonResponse({ purged: true });
  }

  @permissionRequiredAjax('items.view')
  async load(_req: object): Promise<JsonResponse> {
    return jsonResponse({ items: [] });
  }
}

const respond = (_req: object): JsonResponse => jsonResponse({});

describe(inMode('permissionRequiredAjax(perms, options?)'), () => {
  describe('when the caller is anonymous', () => {
    it('should answer the 401 of loginRequiredAjax without running the handler', () => {
      const handler = sinon.spy((_req: object) => jsonResponse({}));
      expectDefault401(permissionRequiredAjax('items.delete')(handler)(ANONYMOUS));
      expect(handler.called).to.equal(false);
    });

    it('should never ask for a permission', () => {
      const hasPermission = sinon.spy(() => true);
      permissionRequiredAjax('items.delete', { hasPermission })(respond)(ANONYMOUS);
      expect(hasPermission.called).to.equal(false);
    });
  });

  describe('when the user lacks the permission', () => {
    it('should answer 403 with the default error body, field for field', () => {
      configure({ clock: () => 1_764_000_000_999 });
      const res = new Items().remove(VIEWER) as JsonResponse<Body>;
      expect(res.status).to.equal(403);
      expect(JSON.stringify(res.body)).to.equal(
        '{"status":"403","message":"Permission denied","timestamp":"1764000000","errorcode":"PERMISSION_DENIED"}',
      );
    });

    it('should say no-store, and carry no challenge', () => {
      const res = new Items().remove(VIEWER);
      expect(res.headers).to.include({ 'cache-control': 'no-store', 'content-type': 'application/json; charset=utf-8' });
      expect(res.headers).not.to.have.property('www-authenticate');
    });

    it("should use the app's errorcode, unless the guard gives its own", () => {
      configure({ errorCodes: { permission: 'E_PERM' } });
      expect((new Items().remove(VIEWER) as JsonResponse<Body>).body.errorcode).to.equal('E_PERM');
      const own = permissionRequiredAjax('x', { errorcode: 'E_OWN', message: 'No' })(respond);
      expect((own(VIEWER) as JsonResponse<Body>).body).to.include({ errorcode: 'E_OWN', message: 'No' });
    });

    it('should render the denial through the render hook, as forbidden', () => {
      const render = sinon.spy((_denial: Denial) => jsonResponse({ nope: true }, { status: 403 }));
      const guarded = permissionRequiredAjax('items.delete', { render })(respond);
      expect(guarded(VIEWER).body).to.deep.equal({ nope: true });
      expect(render.firstCall.args[0]).to.include({
        status: 403,
        reason: 'forbidden',
        errorcode: 'PERMISSION_DENIED',
        request: VIEWER,
      });
    });
  });

  describe('when the user holds the permission', () => {
    it('should run the handler, from a permissions Set or array', () => {
      expect(new Items().remove(EDITOR).body).to.deep.equal({ removed: true });
      expect(new Items().purge({ user: { permissions: ['items.view', 'items.delete'] } }).body).to.deep.equal({ purged: true });
    });

    it("should ask the user's own hasPerm when it has one", () => {
      const hasPerm = sinon.spy((perm: string) => perm === 'items.delete');
      expect(new Items().remove({ user: { hasPerm } }).status).to.equal(200);
      expect(hasPerm.firstCall.args).to.deep.equal(['items.delete']);
    });
  });

  describe('when several permissions are required', () => {
    it('should answer 403 when any one is missing', () => {
      expect(new Items().purge(VIEWER).status).to.equal(403);
      expect(new Items().purge({ user: { permissions: ['items.delete'] } }).status).to.equal(403);
    });

    it('should ask in order and stop at the first missing one', () => {
      const hasPermission = sinon.spy((_user: unknown, perm: string) => perm !== 'b');
      permissionRequiredAjax(['a', 'b', 'c'], { hasPermission })(respond)(EDITOR);
      expect(hasPermission.args.map((args) => args[1])).to.deep.equal(['a', 'b']);
    });
  });

  describe('given a permission check', () => {
    it('should call it with the user, the permission and the request', () => {
      const hasPermission = sinon.spy(() => true);
      permissionRequiredAjax('items.delete', { hasPermission })(respond)(EDITOR);
      expect(hasPermission.firstCall.args).to.deep.equal([EDITOR.user, 'items.delete', EDITOR]);
    });

    it('should grant only on exactly true', () => {
      for (const answer of [1, 'true', {}, undefined, null, false]) {
        const guarded = permissionRequiredAjax('x', { hasPermission: () => answer as boolean })(respond);
        expect(guarded(EDITOR).status, String(answer)).to.equal(403);
      }
    });

    it("should use the app's check unless the guard gives its own", () => {
      configure({ hasPermission: (_user, perm) => perm === 'granted' });
      expect(permissionRequiredAjax('granted')(respond)(VIEWER).status).to.equal(200);
      const own = permissionRequiredAjax('granted', { hasPermission: () => false })(respond);
      expect(own(VIEWER).status).to.equal(403);
    });

    it('should let a throwing check propagate and never run the handler', () => {
      const handler = sinon.spy((_req: object) => jsonResponse({}));
      const guarded = permissionRequiredAjax('x', {
        hasPermission: () => {
          throw new Error('directory down');
        },
      })(handler);
      expect(() => guarded(EDITOR)).to.throw(Error, 'directory down');
      expect(handler.called).to.equal(false);
    });
  });

  describe('given an asynchronous permission check', () => {
    const hasPermission = async (user: { permissions?: string[] }, perm: string) => user.permissions?.includes(perm) === true;

    it('should return a Promise of the handler result when granted', async () => {
      const guarded = permissionRequiredAjax(['a', 'b'], { hasPermission })(async (_req: object) => jsonResponse({ ok: true }));
      const pending = guarded({ user: { permissions: ['a', 'b'] } });
      expect(pending).to.be.instanceOf(Promise);
      expect((await pending).body).to.deep.equal({ ok: true });
    });

    it('should return a Promise of the 403 when any is missing', async () => {
      const guarded = permissionRequiredAjax(['a', 'b'], { hasPermission })(async (_req: object) => jsonResponse({ ok: true }));
      expect((await guarded({ user: { permissions: ['a'] } })).status).to.equal(403);
      expect((await guarded({ user: { permissions: ['b'] } })).status).to.equal(403);
    });

    it('should check permissions once an async authentication check resolves to true', async () => {
      const guarded = permissionRequiredAjax('items.delete', { isAuthenticated: async () => true })(async (_req: object) =>
        jsonResponse({ ok: true }),
      );
      expect((await guarded(VIEWER)).status).to.equal(403);
      expect((await guarded(EDITOR)).status).to.equal(200);
    });

    it('should run the handler once, with its this and arguments, when an async login check and an async permission check both allow it', async () => {
      let self: unknown;
      const handler = sinon.spy(async function (this: unknown, _req: object, extra: string): Promise<JsonResponse> {
        self = this;
        return jsonResponse({ extra });
      });
      const owner = {
        remove: permissionRequiredAjax('items.delete', { isAuthenticated: async () => true, hasPermission: async () => true })(
          handler,
        ),
      };
      const res = await owner.remove(EDITOR, 'x');
      expect([res.status, res.body, self]).to.deep.equal([200, { extra: 'x' }, owner]);
      expect(handler.calledOnce).to.equal(true);
      const refused = permissionRequiredAjax('items.delete', {
        isAuthenticated: async () => true,
        hasPermission: async () => false,
      })(handler);
      expect((await refused(EDITOR, 'x')).status).to.equal(403);
      expect(handler.calledOnce).to.equal(true);
    });

    it('should deny a Promise of anything but true', async () => {
      const guarded = permissionRequiredAjax('a', { hasPermission: async () => 'true' as unknown as boolean })(
        async (_req: object) => jsonResponse({}),
      );
      expect((await guarded(EDITOR)).status).to.equal(403);
    });

    it('should reject, never running the handler, when the check rejects', async () => {
      const handler = sinon.spy(async (_req: object) => jsonResponse({}));
      const guarded = permissionRequiredAjax('a', { hasPermission: () => Promise.reject(new Error('timeout')) })(handler);
      expect(await rejectionOf(guarded(EDITOR)))
        .to.be.instanceOf(Error)
        .with.property('message', 'timeout');
      expect(handler.called).to.equal(false);
    });
  });

  describe('with synchronous checks', () => {
    it('should answer synchronously, refusal included', () => {
      const res = new Items().remove(VIEWER);
      expect(res).not.to.be.instanceOf(Promise);
      expect(res.status).to.equal(403);
    });

    it('should answer an async handler with a Promise, refusal included', async () => {
      const pending = new Items().load(ANONYMOUS);
      expect(pending).to.be.instanceOf(Promise);
      expect((await pending).status).to.equal(401);
    });
  });

  describe('on a class', () => {
    @permissionRequiredAjax('admin')
    class Admin {
      settings(_req: object): JsonResponse {
        return jsonResponse({ settings: {} });
      }

      @allowAnonymous()
      health(_req: object): JsonResponse {
        return jsonResponse({ ok: true });
      }
    }

    it('should guard every handler but the anonymous ones', () => {
      expect(new Admin().settings(VIEWER).status).to.equal(403);
      expect(new Admin().settings({ user: { permissions: ['admin'] } }).status).to.equal(200);
      expect(new Admin().health(ANONYMOUS).status).to.equal(200);
    });

    it('should record the rule on each guarded method', () => {
      expect(getAccessRules(Admin, 'settings')).to.deep.equal([{ kind: 'permission', perms: ['admin'] }]);
      expect(getAccessRules(Admin, 'health')).to.deep.equal([{ kind: 'anonymous' }]);
    });
  });

  describe('rules', () => {
    it('should record the permissions, in order', () => {
      expect(getAccessRules(Items, 'remove')).to.deep.equal([{ kind: 'permission', perms: ['items.delete'] }]);
      expect(getAccessRules(Items, 'purge')).to.deep.equal([{ kind: 'permission', perms: ['items.view', 'items.delete'] }]);
    });

    it('should copy the list, so changing it later changes nothing', () => {
      const perms = ['a'];
      const guarded = permissionRequiredAjax(perms)(respond);
      perms.push('b');
      expect(getAccessRules(guarded)).to.deep.equal([{ kind: 'permission', perms: ['a'] }]);
      expect(guarded({ user: { permissions: ['a'] } }).status).to.equal(200);
    });
  });

  describe('when created with bad arguments', () => {
    it('should throw a TypeError naming the guard for a bad permission list', () => {
      for (const perms of [undefined, 42, [], {}, new Set(['a'])]) {
        expect(() => permissionRequiredAjax(perms as string), String(perms)).to.throw(
          TypeError,
          /^permissionRequiredAjax: expected a permission name or a non-empty array/,
        );
      }
    });

    it('should throw a TypeError naming the guard for a bad permission name', () => {
      for (const perms of ['', [''], ['a', 1], [null]]) {
        expect(() => permissionRequiredAjax(perms as string[]), JSON.stringify(perms)).to.throw(
          TypeError,
          /^permissionRequiredAjax: every permission must be a non-empty string/,
        );
      }
    });

    it('should throw a TypeError naming the option for a bad hasPermission', () => {
      expect(() => permissionRequiredAjax('a', { hasPermission: 'yes' as never })).to.throw(
        TypeError,
        /permissionRequiredAjax: options\.hasPermission must be a function/,
      );
    });

    it('should throw a TypeError for an unknown option', () => {
      expect(() => permissionRequiredAjax('a', { hasPerm: () => true } as never)).to.throw(
        TypeError,
        /unknown setting "hasPerm"/,
      );
    });
  });

  describe('types', () => {
    it('should accept an async check only on methods that return a Promise', () => {
      class Typed {
        // @ts-expect-error an async permission check needs a method that returns a Promise
        @permissionRequiredAjax('a', { hasPermission: async () => true })
        sync(_req: object): JsonResponse {
          return jsonResponse({});
        }

        @permissionRequiredAjax('a', { hasPermission: async () => true })
        async later(_req: object): Promise<JsonResponse> {
          return jsonResponse({});
        }
      }
      expect(getAccessRules(Typed, 'later')).to.have.length(1);
    });
  });
});
