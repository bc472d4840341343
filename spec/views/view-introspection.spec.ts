import {
  allowAnonymous,
  findUnguardedHandlers,
  getAccessRules,
  JSONResponseMixin,
  type JsonResponse,
  jsonResponse,
  loginRequired,
  loginRequiredAjax,
  methodDecorator,
  permissionRequiredAjax,
  RequireSignInAjax,
  View,
} from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';

// the original snippet's last example, verbatim, and the same view with no guard.
class MyView extends RequireSignInAjax(JSONResponseMixin(View)) {
  get() {
    return this.renderToResponse(this.getContextData());
  }
}

class Open extends JSONResponseMixin(View) {
  get() {
    return this.renderToResponse(this.getContextData());
  }
}

// A class-level guard over a view whose handler calls the helpers, one of
// them overridden: the helpers must stay unwrapped for the call to work.
@loginRequiredAjax()
class Guarded extends JSONResponseMixin(View) {
  get(_request: object): JsonResponse {
    return this.renderToResponse(this.getContextData({ page: 1 }));
  }

  override getContextData<K extends object>(kwargs?: K): K & { extra: true } {
    return { ...super.getContextData(kwargs), extra: true };
  }
}

@methodDecorator([loginRequiredAjax(), permissionRequiredAjax('reports.view')], 'dispatch')
class Reports extends JSONResponseMixin(View) {
  get(_request: object): JsonResponse {
    return this.renderToResponse({ reports: [] });
  }

  post(_request: object): JsonResponse {
    return this.renderToResponse({ created: true }, { status: 201 });
  }
}

class Public extends JSONResponseMixin(View) {
  @allowAnonymous()
  override dispatch(request: object, ...args: unknown[]) {
    return super.dispatch(request, ...args);
  }

  get(_request: object): JsonResponse {
    return this.renderToResponse({ open: true });
  }
}

const user = { id: 1 };

describe(inMode('introspection of class-based views'), () => {
  describe('findUnguardedHandlers', () => {
    it("should find nothing unguarded on the original snippet's MyView", () => {
      expect(findUnguardedHandlers(MyView)).to.deep.equal([]);
    });

    it('should list the verb and dispatch of a view with no guard, never the helpers', () => {
      expect(findUnguardedHandlers(Open)).to.deep.equal(['get', 'dispatch']);
    });

    it("should count the verbs covered by a guarded dispatch, and a deliberately public one's", () => {
      expect(findUnguardedHandlers(Reports)).to.deep.equal([]);
      expect(findUnguardedHandlers(Public)).to.deep.equal([]);
      expect(findUnguardedHandlers(Guarded)).to.deep.equal([]);
    });

    it('should list a method that is no verb, since dispatch never reaches it', () => {
      class WithExtra extends MyView {
        export(_request: object): JsonResponse {
          return jsonResponse({});
        }
      }
      expect(findUnguardedHandlers(WithExtra)).to.deep.equal(['export']);
    });

    it('should list the verbs again when a subclass replaces the guarded dispatch with an unguarded one', () => {
      class Reopened extends MyView {
        override dispatch(request: object, ...args: unknown[]) {
          return View.prototype.dispatch.call(this, request, ...args);
        }
      }
      expect(findUnguardedHandlers(Reopened)).to.deep.equal(['dispatch', 'get']);
    });

    it('should treat a method called getContextData on a class that is no View as a handler', () => {
      class Plain {
        getContextData(_request: object): JsonResponse {
          return jsonResponse({});
        }
      }
      expect(findUnguardedHandlers(Plain)).to.deep.equal(['getContextData']);
    });
  });

  describe('getAccessRules', () => {
    it('should read the rules of dispatch, inherited from the mixin', () => {
      expect(getAccessRules(MyView, 'dispatch')).to.deep.equal([{ kind: 'login' }]);
      expect(getAccessRules(Reports, 'dispatch')).to.deep.equal([
        { kind: 'login' },
        { kind: 'permission', perms: ['reports.view'] },
      ]);
      expect(getAccessRules(Public, 'dispatch')).to.deep.equal([{ kind: 'anonymous' }]);
    });

    it('should find no rule on a helper, even under a class-level guard', () => {
      expect(getAccessRules(Guarded, 'getContextData')).to.deep.equal([]);
      expect(getAccessRules(Guarded, 'renderToResponse')).to.deep.equal([]);
      expect(getAccessRules(Guarded, 'convertContextToJson')).to.deep.equal([]);
      expect(getAccessRules(Guarded, 'options')).to.deep.equal([]);
    });

    it('should find the class-level rule on the verbs and on dispatch', () => {
      expect(getAccessRules(Guarded, 'get')).to.deep.equal([{ kind: 'login' }]);
      expect(getAccessRules(Guarded, 'dispatch')).to.deep.equal([{ kind: 'login' }]);
    });
  });

  describe('a class-level guard on a view', () => {
    it('should refuse an anonymous caller', () => {
      expect(Guarded.asView()({ method: 'GET' }).status).to.equal(401);
    });

    it("should leave the helpers unwrapped, so a signed-in handler's calls to them work", () => {
      const res = Guarded.asView()({ method: 'GET', user });
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ page: 1, extra: true });
    });
  });

  describe('methodDecorator on dispatch', () => {
    it('should guard every verb, in order', () => {
      expect(Reports.asView()({ method: 'POST' }).status).to.equal(401);
      expect(Reports.asView()({ method: 'POST', user }).status).to.equal(403);
      expect(Reports.asView()({ method: 'POST', user: { permissions: ['reports.view'] } }).status).to.equal(201);
    });

    it("should take loginRequired, Django's LoginRequiredMixin with a redirect", () => {
      @methodDecorator(loginRequired({ loginUrl: '/login' }), 'dispatch')
      class Page extends Open {}
      const browser = { method: 'GET', url: '/page', headers: { accept: 'text/html' } };
      expect(Page.asView()(browser).headers.location).to.equal('/login?next=%2Fpage');
      expect(Page.asView()({ ...browser, user }).status).to.equal(200);
      expect(findUnguardedHandlers(Page)).to.deep.equal([]);
    });

    it('should still decorate a helper named explicitly', () => {
      const calls: unknown[] = [];
      const record = (fn: (...args: unknown[]) => unknown) =>
        function (this: unknown, ...args: unknown[]) {
          calls.push(args[0]);
          return fn.apply(this, args);
        };
      @methodDecorator(record, 'getContextData')
      class Recorded extends Open {}
      expect(Recorded.asView()({ method: 'GET' }).body).to.deep.equal({});
      expect(calls).to.deep.equal([undefined]);
    });
  });

  describe('the one test that fails the build when an endpoint has no guard', () => {
    it('should pass for guarded controllers and views, and fail for an open one', () => {
      const unguarded = (classes: (abstract new (...args: never[]) => unknown)[]) =>
        classes.flatMap((Class) => findUnguardedHandlers(Class).map((name) => `${Class.name}.${name}`));
      expect(unguarded([MyView, Reports, Guarded, Public])).to.deep.equal([]);
      expect(unguarded([MyView, Open])).to.deep.equal(['Open.get', 'Open.dispatch']);
    });
  });
});
