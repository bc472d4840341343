import { runInNewContext } from 'node:vm';
import { defaultIsAuthenticated, type JsonResponse, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { whilePolluted } from '../support/pollution.js';
import { anonymousRequest } from '../support/requests.js';

// How the default check reads a request: own properties, and those on the
// prototype of a class in its chain; never Object.prototype, never a plain
// object used as a prototype.
describe(inMode('reading a request without trusting its prototypes'), () => {
  describe('when a polluter has set Object.prototype.user', () => {
    it('authenticates nobody', () => {
      expect(whilePolluted({ user: { id: 'admin' } }, () => defaultIsAuthenticated({}))).to.equal(false);
    });

    it('authenticates nobody through Koa’s state either', () => {
      expect(whilePolluted({ user: { id: 'admin' } }, () => defaultIsAuthenticated({ state: {} }))).to.equal(false);
    });

    it('lets a guard refuse the call without running the handler', () => {
      let ran = false;
      const guarded = loginRequiredAjax()((_req: object) => {
        ran = true;
        return 'data';
      });
      const res = whilePolluted({ user: { id: 'admin' } }, () => guarded(anonymousRequest())) as JsonResponse;
      expect(res.status).to.equal(401);
      expect(ran).to.equal(false);
    });

    it('cannot log out a Koa user by setting it to null', () => {
      expect(whilePolluted({ user: null }, () => defaultIsAuthenticated({ state: { user: { id: 1 } } }))).to.equal(true);
    });
  });

  describe('when a polluter has set Object.prototype.isAuthenticated', () => {
    it('authenticates nobody', () => {
      expect(whilePolluted({ isAuthenticated: () => true }, () => defaultIsAuthenticated({}))).to.equal(false);
    });

    it('lets a guard refuse an anonymous call', () => {
      const guarded = loginRequiredAjax()((_req: object) => 'data');
      const res = whilePolluted({ isAuthenticated: () => true }, () => guarded(anonymousRequest())) as JsonResponse;
      expect(res.status).to.equal(401);
    });

    it('makes every user’s flag doubtful, and doubt denies: nobody is authenticated while it lasts', () => {
      const request = { user: { id: 1 } };
      expect(whilePolluted({ isAuthenticated: true, is_authenticated: true }, () => defaultIsAuthenticated(request))).to.equal(
        false,
      );
      expect(defaultIsAuthenticated(request)).to.equal(true);
    });
  });

  describe('when a polluter has set Object.prototype.state', () => {
    it('authenticates nobody', () => {
      expect(whilePolluted({ state: { user: { id: 1 } } }, () => defaultIsAuthenticated({}))).to.equal(false);
    });
  });

  describe('when the request inherits from a plain object', () => {
    it('does not read a user from it', () => {
      expect(defaultIsAuthenticated(Object.create({ user: { id: 1 } }))).to.equal(false);
    });

    it('does not call an isAuthenticated from it', () => {
      expect(defaultIsAuthenticated(Object.create({ isAuthenticated: () => true }))).to.equal(false);
    });

    it('does not read it further up the chain either', () => {
      const grandparent = { user: { id: 1 } };
      expect(defaultIsAuthenticated(Object.create(Object.create(grandparent)))).to.equal(false);
    });
  });

  describe('when the request has no prototype at all', () => {
    it('reads its own user', () => {
      const request = Object.assign(Object.create(null) as object, { user: { id: 1 } });
      expect(defaultIsAuthenticated(request)).to.equal(true);
    });

    it('is anonymous without one', () => {
      expect(defaultIsAuthenticated(Object.create(null))).to.equal(false);
    });
  });

  describe('when the request comes from another realm', () => {
    it('reads its own user', () => {
      expect(defaultIsAuthenticated(runInNewContext('({ user: { id: 1 } })'))).to.equal(true);
    });

    it('does not read that realm’s polluted Object.prototype', () => {
      const request = runInNewContext('Object.prototype.user = { id: "admin" }; ({})');
      expect(defaultIsAuthenticated(request)).to.equal(false);
    });
  });

  describe('when a user getter sits on a class prototype', () => {
    it('calls it with the request as this', () => {
      class Request {
        readonly session = { user: { id: 7 } };
        get user(): object {
          return this.session.user;
        }
      }
      expect(defaultIsAuthenticated(new Request())).to.equal(true);
    });
  });
});
