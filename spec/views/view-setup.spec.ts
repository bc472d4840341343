import {
  allowAnonymous,
  getAccessRules,
  JSONResponseMixin,
  type JsonResponse,
  jsonResponse,
  loginRequiredAjax,
  methodDecorator,
  permissionRequiredAjax,
  RequireSignInAjax,
  View,
} from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { inMode } from '../support/decorator-mode.js';
import { expectDefault401 } from '../support/default-refusal.js';

interface AppRequest {
  readonly method: string;
  readonly user?: { readonly name: string };
  readonly headers?: Record<string, string>;
}

// The original snippet's last example.
class MyView extends RequireSignInAjax(JSONResponseMixin(View)) {
  get() {
    return this.renderToResponse(this.getContextData());
  }
}

const PREFLIGHT = { origin: 'https://app.example', 'access-control-request-method': 'DELETE' };
const user = { name: 'alice' };

describe(inMode('View: setup, introspection of asView() and CORS preflights'), () => {
  afterEach(() => sinon.restore());

  describe('this.request and this.args', () => {
    class Whoami extends View {
      declare request: AppRequest;

      get(): JsonResponse {
        return jsonResponse({ name: this.request.user?.name ?? null, args: this.args });
      }

      post(): JsonResponse {
        return this.helper();
      }

      // A method no request reaches directly still sees the request, as in Django.
      helper(): JsonResponse {
        return jsonResponse({ method: this.request.method }, { status: 201 });
      }
    }

    it('should be set on the fresh instance before the handler runs', () => {
      const res = Whoami.asView()({ method: 'GET', user }, 'res', 'next');
      expect(res.body).to.deep.equal({ name: 'alice', args: ['res', 'next'] });
      expect(Whoami.asView()({ method: 'POST' }).body).to.deep.equal({ method: 'POST' });
    });

    it('should be set before a guard on dispatch runs, and each request has its own view', () => {
      const seen: View[] = [];
      const spy = (fn: (...args: unknown[]) => unknown) =>
        function (this: View, ...args: unknown[]) {
          seen.push(this);
          expect(this.request).to.equal(args[0]);
          return fn.apply(this, args);
        };
      @methodDecorator(spy, 'dispatch')
      class Spied extends Whoami {}
      const first = { method: 'GET', user };
      const second = { method: 'GET' };
      Spied.asView()(first);
      Spied.asView()(second);
      expect(seen.map((view) => view.request)).to.deep.equal([first, second]);
      expect(seen[0]).not.to.equal(seen[1]);
      expect(seen[1]?.args).to.deep.equal([]);
    });
  });

  describe('getAccessRules(MyView.asView())', () => {
    it("should report dispatch's rules", () => {
      expect(getAccessRules(MyView.asView())).to.deep.equal([{ kind: 'login' }]);
      @methodDecorator([loginRequiredAjax(), permissionRequiredAjax('reports.view')], 'dispatch')
      class Reports extends View {}
      expect(getAccessRules(Reports.asView())).to.deep.equal([
        { kind: 'login' },
        { kind: 'permission', perms: ['reports.view'] },
      ]);
    });

    it('should report nothing for a view with no guard, and the mark of a public one', () => {
      class Open extends View {}
      expect(getAccessRules(Open.asView())).to.deep.equal([]);
      class Public extends View {
        @allowAnonymous()
        override dispatch(request: unknown, ...args: unknown[]) {
          return super.dispatch(request, ...args);
        }
      }
      expect(getAccessRules(Public.asView())).to.deep.equal([{ kind: 'anonymous' }]);
    });

    it('should be named after the view, for stack traces and route listings', () => {
      expect(MyView.asView().name).to.equal('MyView');
    });
  });

  describe('a CORS preflight to a guarded view', () => {
    it('should be answered by the built-in options() with no guard run', () => {
      const isAuthenticated = sinon.spy(() => false);
      @methodDecorator(loginRequiredAjax({ isAuthenticated }), 'dispatch')
      class Items extends View {
        delete(): JsonResponse {
          return jsonResponse(null, { status: 204 });
        }
      }
      const res = Items.asView()({ method: 'OPTIONS', headers: PREFLIGHT });
      expect(res.status).to.equal(204);
      expect(res.headers.allow).to.equal('DELETE, OPTIONS');
      expect(isAuthenticated.called).to.equal(false);
    });

    it('should pass on MyView, a class-level guard, and a Fetch Request', () => {
      expect(MyView.asView()({ method: 'OPTIONS', headers: PREFLIGHT }).status).to.equal(204);
      @loginRequiredAjax()
      class Guarded extends View {
        get(): JsonResponse {
          return jsonResponse({});
        }
      }
      expect(Guarded.asView()({ method: 'OPTIONS', headers: PREFLIGHT }).status).to.equal(204);
      const request = new Request('http://localhost/my', { method: 'OPTIONS', headers: PREFLIGHT });
      expect(MyView.asView()(request).status).to.equal(204);
    });

    it('should check every other request: a plain OPTIONS, half a preflight, another verb with the headers', () => {
      const handler = MyView.asView();
      expectDefault401(handler({ method: 'OPTIONS' }));
      expectDefault401(handler({ method: 'OPTIONS', headers: { origin: 'https://app.example' } }));
      expectDefault401(handler({ method: 'OPTIONS', headers: { 'access-control-request-method': 'GET' } }));
      expectDefault401(handler({ method: 'GET', headers: PREFLIGHT }));
      expectDefault401(handler({ method: 'DELETE', headers: PREFLIGHT }));
      expectDefault401(handler({ method: 'options', headers: PREFLIGHT }));
    });

    it("should run the guard before a view's own options(), which may answer more than a preflight", () => {
      const answer = sinon.spy(() => jsonResponse(null, { status: 204, headers: { 'x-own': 'yes' } }));
      class OwnOptions extends MyView {
        override options(): JsonResponse {
          return answer();
        }
      }
      expectDefault401(OwnOptions.asView()({ method: 'OPTIONS', headers: PREFLIGHT }));
      expect(answer.called).to.equal(false);
      expect(OwnOptions.asView()({ method: 'OPTIONS', headers: PREFLIGHT, user }).headers['x-own']).to.equal('yes');
    });
  });
});
