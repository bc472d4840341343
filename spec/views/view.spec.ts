import { configure, HTTP_METHOD_NAMES, isJsonResponse, type JsonResponse, jsonResponse, View } from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { inMode } from '../support/decorator-mode.js';

type Body = Record<string, string>;

class Items extends View {
  get(request: object, ...args: unknown[]): JsonResponse {
    return jsonResponse({ verb: 'get', request, args, self: this instanceof Items });
  }

  post(_request: object): JsonResponse {
    return jsonResponse({ verb: 'post' }, { status: 201 });
  }

  secret(_request: object): JsonResponse {
    return jsonResponse({ leaked: true });
  }
}

class WithHead extends Items {
  head(_request: object): JsonResponse {
    return jsonResponse(null, { headers: { 'x-count': '3' } });
  }
}

class PostOnly extends View {
  post(_request: object): JsonResponse {
    return jsonResponse({});
  }
}

const call = (view: View, method: unknown, ...args: unknown[]) => view.dispatch({ method }, ...args) as JsonResponse<Body>;

describe(inMode('View'), () => {
  describe('HTTP_METHOD_NAMES', () => {
    it("should be Django's http_method_names, frozen", () => {
      expect(HTTP_METHOD_NAMES).to.deep.equal(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace']);
      expect(Object.isFrozen(HTTP_METHOD_NAMES)).to.equal(true);
    });
  });

  describe('dispatch(request, ...args)', () => {
    it('should call the method named by the request method, in lower case, with this, the request and the args', () => {
      const request = { method: 'GET' };
      const res = new Items().dispatch(request, 'a', 1) as JsonResponse<{ request: object; args: unknown[]; self: boolean }>;
      expect(res.body.request).to.equal(request);
      expect(res.body.args).to.deep.equal(['a', 1]);
      expect(res.body.self).to.equal(true);
      expect(call(new Items(), 'post').status).to.equal(201);
      expect(call(new Items(), 'Post').status).to.equal(201);
    });

    it('should read the method of any framework request', () => {
      expect((new Items().dispatch(new Request('http://localhost/', { method: 'POST' })) as JsonResponse).status).to.equal(201);
      expect((new Items().dispatch({ req: { method: 'POST' } }) as JsonResponse).status).to.equal(201);
    });

    it('should return what the handler returns, a Promise included', async () => {
      class Later extends View {
        async get(_request: object): Promise<JsonResponse> {
          return jsonResponse({ later: true });
        }
      }
      const pending = call(new Later(), 'GET') as unknown as Promise<JsonResponse>;
      expect(pending).to.be.instanceOf(Promise);
      expect((await pending).body).to.deep.equal({ later: true });
    });

    it('should answer a verb defined as an instance field', () => {
      class Field extends View {
        put = (_request: object) => jsonResponse({ put: true });
      }
      expect(call(new Field(), 'PUT').body).to.deep.equal({ put: true });
    });

    describe('when the request is HEAD', () => {
      it('should fall back to get where the view has no head', () => {
        expect(call(new Items(), 'HEAD').body).to.include({ verb: 'get' });
      });

      it('should call head where the view has one', () => {
        expect(call(new WithHead(), 'HEAD').headers['x-count']).to.equal('3');
      });

      it('should be a 405 where the view has neither', () => {
        expect(call(new PostOnly(), 'HEAD').status).to.equal(405);
      });
    });

    describe('when the view does not define the verb', () => {
      it("should answer 405 in the library's error format, from the settings' clock", () => {
        configure({ clock: () => 1_764_000_000_500 });
        const res = call(new Items(), 'DELETE');
        expect(isJsonResponse(res)).to.equal(true);
        expect(res.status).to.equal(405);
        expect(JSON.stringify(res.body)).to.equal(
          '{"status":"405","message":"Method not allowed","timestamp":"1764000000","errorcode":"METHOD_NOT_ALLOWED"}',
        );
        expect(res.headers).to.include({ 'cache-control': 'no-store', 'content-type': 'application/json; charset=utf-8' });
      });

      it("should list the verbs it defines in allow, upper-case, in Django's order, HEAD with GET", () => {
        expect(call(new Items(), 'PATCH').headers.allow).to.equal('GET, POST, HEAD, OPTIONS');
        expect(call(new PostOnly(), 'GET').headers.allow).to.equal('POST, OPTIONS');
      });
    });

    describe('when the method is not an HTTP method name', () => {
      for (const method of [
        'DISPATCH',
        'CONSTRUCTOR',
        'SECRET',
        'GETCONTEXTDATA',
        'TOSTRING',
        '__PROTO__',
        'HASOWNPROPERTY',
        'CONNECT',
      ]) {
        it(`should answer ${method} with 405, never a call`, () => {
          const view = new Items();
          const dispatch = sinon.spy(view, 'dispatch');
          const secret = sinon.spy(view, 'secret');
          expect(call(view, method).status).to.equal(405);
          expect(dispatch.callCount).to.equal(1);
          expect(secret.called).to.equal(false);
        });
      }

      it('should answer a missing or non-text method with 405', () => {
        expect(call(new Items(), undefined).status).to.equal(405);
        expect(call(new Items(), 7).status).to.equal(405);
        expect((new Items().dispatch(undefined) as JsonResponse).status).to.equal(405);
      });
    });

    it('should never take a verb from a polluted Object.prototype', () => {
      const polluted = Object.prototype as Record<string, unknown>;
      polluted.put = () => jsonResponse({ polluted: true });
      try {
        expect(call(new Items(), 'PUT').status).to.equal(405);
        expect(call(new Items(), 'PATCH').headers.allow).to.equal('GET, POST, HEAD, OPTIONS');
      } finally {
        delete polluted.put;
      }
    });
  });

  describe('options()', () => {
    it('should answer OPTIONS as Django does, with allow: here 204 No Content', () => {
      const res = call(new Items(), 'OPTIONS');
      expect(res.status).to.equal(204);
      expect(res.headers.allow).to.equal('GET, POST, HEAD, OPTIONS');
      expect(res.body).to.equal(null);
    });

    it("should give way to the view's own options", () => {
      class Cors extends View {
        override options(_request: object): JsonResponse {
          return jsonResponse(null, { status: 200, headers: { 'access-control-allow-origin': '*' } });
        }
      }
      expect(call(new Cors(), 'OPTIONS').headers['access-control-allow-origin']).to.equal('*');
    });
  });

  describe('asView()', () => {
    it('should build a fresh instance per request', () => {
      const seen: View[] = [];
      class Counted extends View {
        get(_request: object): JsonResponse {
          seen.push(this);
          return jsonResponse({});
        }
      }
      const handler = Counted.asView();
      handler({ method: 'GET' });
      handler({ method: 'GET' });
      expect(seen).to.have.length(2);
      expect(seen[0]).to.be.instanceOf(Counted);
      expect(seen[0]).not.to.equal(seen[1]);
    });

    it('should pass the request and any further arguments to dispatch', () => {
      const res = Items.asView()({ method: 'GET' }, 'next') as JsonResponse<{ args: unknown[] }>;
      expect(res.body.args).to.deep.equal(['next']);
    });

    it('should answer synchronously when the handler does', () => {
      const res = Items.asView()({ method: 'POST' });
      expect(res).not.to.be.instanceOf(Promise);
      expect(res.status).to.equal(201);
    });
  });

  describe('getContextData(kwargs?)', () => {
    it('should return a copy of kwargs, with no reference to the view', () => {
      const kwargs = { page: 2 };
      const context = new Items().getContextData(kwargs);
      expect(context).to.deep.equal({ page: 2 });
      expect(context).not.to.equal(kwargs);
      expect(JSON.stringify(new Items().getContextData({ a: [1] }))).to.equal('{"a":[1]}');
    });

    it('should return an empty object without kwargs', () => {
      expect(new Items().getContextData()).to.deep.equal({});
    });

    it('should throw a TypeError for kwargs that are not an object', () => {
      for (const kwargs of [null, 'page=2', 2]) {
        expect(() => new Items().getContextData(kwargs as never)).to.throw(
          TypeError,
          /^getContextData: kwargs must be an object/,
        );
      }
    });

    it('should copy an own __proto__ key as data, never as a prototype', () => {
      const context = new Items().getContextData(JSON.parse('{"__proto__":{"admin":true}}') as object);
      expect((context as { admin?: unknown }).admin).to.equal(undefined);
    });
  });
});
