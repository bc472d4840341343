import {
  findUnguardedHandlers,
  getAccessRules,
  JSONResponseMixin,
  type JsonResponse,
  jsonResponse,
  RequireSignInAjax,
  View,
} from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { inMode } from '../support/decorator-mode.js';
import { expectDefault401 } from '../support/default-refusal.js';

// the original snippet's last example, verbatim.
class MyView extends RequireSignInAjax(JSONResponseMixin(View)) {
  get() {
    return this.renderToResponse(this.getContextData());
  }
}

const user = { id: 1 };

describe(inMode('RequireSignInAjax(Base)'), () => {
  describe("the original snippet's MyView", () => {
    it('should answer an anonymous GET with the 401 JSON', () => {
      expectDefault401(MyView.asView()({ method: 'GET' }));
    });

    it('should answer a signed-in GET with the JSON context', () => {
      const res = MyView.asView()({ method: 'GET', user });
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({});
    });

    it('should refuse an anonymous caller before dispatching: 401 for any verb, never 405', () => {
      for (const method of ['POST', 'DELETE', 'OPTIONS', 'DISPATCH']) {
        expect(MyView.asView()({ method }).status, method).to.equal(401);
      }
      expect(MyView.asView()({ method: 'POST', user }).status).to.equal(405);
    });

    it('should never run a verb method for an anonymous caller', () => {
      const get = sinon.spy(MyView.prototype, 'get');
      MyView.asView()({ method: 'GET' });
      expect(get.called).to.equal(false);
    });

    it('should record the rule on dispatch', () => {
      expect(getAccessRules(MyView, 'dispatch')).to.deep.equal([{ kind: 'login' }]);
      expect(findUnguardedHandlers(MyView)).to.deep.equal([]);
    });
  });

  describe('on its base', () => {
    it('should leave the base class unguarded', () => {
      const Base = JSONResponseMixin(View);
      class Guarded extends RequireSignInAjax(Base) {
        get(_request: object): JsonResponse {
          return jsonResponse({ ok: true });
        }
      }
      class Open extends Base {
        get(_request: object): JsonResponse {
          return jsonResponse({ ok: true });
        }
      }
      expect(Guarded.asView()({ method: 'GET' }).status).to.equal(401);
      expect(Open.asView()({ method: 'GET' }).status).to.equal(200);
      expect(getAccessRules(Base, 'dispatch')).to.deep.equal([]);
    });

    it('should throw a TypeError for a base with no dispatch, which the types refuse too', () => {
      class NoDispatch {}
      // @ts-expect-error RequireSignInAjax needs a base with a dispatch method
      expect(() => RequireSignInAjax(NoDispatch)).to.throw(TypeError, /has no method "dispatch"/);
    });
  });

  describe('stacked with a subclass', () => {
    it('should guard the verbs a subclass adds', () => {
      class MoreView extends MyView {
        post(_request: object): JsonResponse {
          return jsonResponse({ created: true }, { status: 201 });
        }
      }
      expect(MoreView.asView()({ method: 'POST' }).status).to.equal(401);
      expect(MoreView.asView()({ method: 'POST', user }).status).to.equal(201);
      expect(findUnguardedHandlers(MoreView)).to.deep.equal([]);
    });
  });
});
