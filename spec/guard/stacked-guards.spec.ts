import {
  configure,
  getAccessRules,
  type JsonResponse,
  jsonResponse,
  loginRequiredAjax,
  permissionRequiredAjax,
  userPassesTestAjax,
} from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { inMode } from '../support/decorator-mode.js';

type Body = Record<string, string>;

const isStaff = (user: { isStaff?: boolean }): boolean => user.isStaff === true;

class Items {
  @loginRequiredAjax()
  @permissionRequiredAjax('items.delete')
  remove(_req: object): JsonResponse {
    return jsonResponse({ removed: true });
  }

  @permissionRequiredAjax('items.delete')
  @loginRequiredAjax()
  removeWrittenTheOtherWay(_req: object): JsonResponse {
    return jsonResponse({ removed: true });
  }

  @loginRequiredAjax()
  @userPassesTestAjax(isStaff)
  @permissionRequiredAjax(['items.view', 'items.export'])
  exportAll(_req: object): JsonResponse {
    return jsonResponse({ exported: true });
  }
}

@loginRequiredAjax()
class Admin {
  @permissionRequiredAjax('admin.purge')
  purge(_req: object): JsonResponse {
    return jsonResponse({ purged: true });
  }
}

const ANONYMOUS = {};
const VIEWER = { user: { permissions: ['items.view'] } };
const EDITOR = { user: { permissions: ['items.view', 'items.delete'] } };

describe(inMode('stacked guards'), () => {
  describe('rules', () => {
    it('should list the rules outermost first, as written', () => {
      expect(getAccessRules(Items, 'remove')).to.deep.equal([{ kind: 'login' }, { kind: 'permission', perms: ['items.delete'] }]);
      expect(getAccessRules(Items, 'removeWrittenTheOtherWay')).to.deep.equal([
        { kind: 'permission', perms: ['items.delete'] },
        { kind: 'login' },
      ]);
      expect(getAccessRules(Items, 'exportAll')).to.deep.equal([
        { kind: 'login' },
        { kind: 'test', test: 'isStaff' },
        { kind: 'permission', perms: ['items.view', 'items.export'] },
      ]);
    });

    it('should put a class-level guard outside the method guards', () => {
      expect(getAccessRules(Admin, 'purge')).to.deep.equal([{ kind: 'login' }, { kind: 'permission', perms: ['admin.purge'] }]);
    });
  });

  describe('two class-level guards on one class', () => {
    @loginRequiredAjax()
    @permissionRequiredAjax('admin.purge')
    class Purge {
      run(_req: object): JsonResponse {
        return jsonResponse({ purged: true });
      }
    }

    it('should apply both: 401 to an anonymous caller, 403 without the permission', () => {
      expect(new Purge().run(ANONYMOUS)).to.have.property('status', 401);
      expect(new Purge().run(VIEWER)).to.have.property('status', 403);
      expect(new Purge().run({ user: { permissions: ['admin.purge'] } }).body).to.deep.equal({ purged: true });
    });
  });

  describe('when the caller is anonymous', () => {
    it('should answer 401, never 403, whatever order the guards are written in', () => {
      for (const answer of [
        new Items().remove(ANONYMOUS),
        new Items().removeWrittenTheOtherWay(ANONYMOUS),
        new Items().exportAll(ANONYMOUS),
        new Admin().purge(ANONYMOUS),
      ]) {
        expect(answer.status).to.equal(401);
        expect((answer as JsonResponse<Body>).body.errorcode).to.equal('AUTHENTICATION_REQUIRED');
      }
    });

    it('should never ask for a permission or run a user test', () => {
      const hasPermission = sinon.spy(() => true);
      configure({ hasPermission });
      new Items().removeWrittenTheOtherWay(ANONYMOUS);
      new Items().exportAll(ANONYMOUS);
      expect(hasPermission.called).to.equal(false);
    });
  });

  describe('when the user is authenticated', () => {
    it('should check login before permission, whatever order the guards are written in', () => {
      const isAuthenticated = sinon.spy(() => true);
      const hasPermission = sinon.spy(() => true);
      configure({ isAuthenticated, hasPermission });
      new Items().removeWrittenTheOtherWay(EDITOR);
      expect(isAuthenticated.calledBefore(hasPermission)).to.equal(true);
    });

    it('should answer 403 when a permission is missing', () => {
      expect(new Items().remove(VIEWER).status).to.equal(403);
      expect(new Items().removeWrittenTheOtherWay(VIEWER).status).to.equal(403);
      expect(new Admin().purge(EDITOR).status).to.equal(403);
    });

    it('should run the guards outermost first: the user test before the permissions', () => {
      const res = new Items().exportAll({ user: { isStaff: false, permissions: [] } }) as JsonResponse<Body>;
      expect(res.status).to.equal(403);
      const hasPermission = sinon.spy(() => false);
      configure({ hasPermission });
      new Items().exportAll({ user: { isStaff: false } });
      expect(hasPermission.called).to.equal(false);
    });

    it('should run the handler once every guard agrees', () => {
      expect(new Items().remove(EDITOR).body).to.deep.equal({ removed: true });
      expect(new Items().exportAll({ user: { isStaff: true, permissions: ['items.view', 'items.export'] } }).status).to.equal(
        200,
      );
      expect(new Admin().purge({ user: { permissions: ['admin.purge'] } }).status).to.equal(200);
    });
  });

  describe('with an asynchronous check in the stack', () => {
    it('should resolve through every guard in order', async () => {
      const guarded = loginRequiredAjax({ isAuthenticated: async () => true })(
        permissionRequiredAjax('a', { hasPermission: async (_user, perm) => perm === 'a' })(async (_req: object) =>
          jsonResponse({ ok: true }),
        ),
      );
      expect((await guarded(EDITOR)).status).to.equal(200);
      const denied = loginRequiredAjax({ isAuthenticated: async () => false })(
        permissionRequiredAjax('a', { hasPermission: async () => true })(async (_req: object) => jsonResponse({ ok: true })),
      );
      expect((await denied(EDITOR)).status).to.equal(401);
    });
  });
});
