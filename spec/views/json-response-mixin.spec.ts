import { isJsonResponse, JSONResponseMixin, type JsonRendering, type JsonResponse, View } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';

class Report extends JSONResponseMixin(View) {
  get(_request: object): JsonResponse {
    return this.renderToResponse(this.getContextData({ total: 3 }));
  }
}

class Wrapped extends JSONResponseMixin(View) {
  override convertContextToJson(context: unknown): unknown {
    return { data: context };
  }
}

describe(inMode('JSONResponseMixin(Base)'), () => {
  describe('renderToResponse(context, init?)', () => {
    it('should answer 200 JSON with the context as the body', () => {
      const res = Report.asView()({ method: 'GET' });
      expect(isJsonResponse(res)).to.equal(true);
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.equal('application/json; charset=utf-8');
      expect(res.body).to.deep.equal({ total: 3 });
    });

    it('should pass init to jsonResponse', () => {
      const res = new Report().renderToResponse({ id: 1 }, { status: 201, headers: { Location: '/items/1' } });
      expect(res.status).to.equal(201);
      expect(res.headers.location).to.equal('/items/1');
    });

    it('should send what convertContextToJson returns', () => {
      expect(new Wrapped().renderToResponse({ id: 1 }).body).to.deep.equal({ data: { id: 1 } });
    });
  });

  describe('convertContextToJson(context)', () => {
    it('should return the context itself: the adapters serialize it', () => {
      const context = { id: 1 };
      expect(new Report().convertContextToJson(context)).to.equal(context);
    });
  });

  describe('types', () => {
    it("should give the mixed class the base's members and the mixin's, and no others", () => {
      const view = new Report();
      const context: { page: number } = view.getContextData({ page: 1 });
      const res: JsonResponse = view.renderToResponse(context, { status: 200 });
      // @ts-expect-error the mixin adds renderToResponse, not renderToJson
      expect(view.renderToJson).to.equal(undefined);
      expect(res.body).to.deep.equal({ page: 1 });
    });
  });

  describe('on any base class', () => {
    class Base {
      constructor(readonly name: string) {}
    }

    it("should keep the base's constructor and members", () => {
      const Mixed = JSONResponseMixin(Base);
      const mixed = new Mixed('report');
      expect(mixed.name).to.equal('report');
      expect(mixed).to.be.instanceOf(Base);
      const rendering: JsonRendering = mixed;
      expect(rendering.renderToResponse(mixed.name).body).to.equal('report');
    });

    it('should give each call a class of its own, leaving the base unchanged', () => {
      expect(JSONResponseMixin(Base)).not.to.equal(JSONResponseMixin(Base));
      expect(Object.getOwnPropertyNames(Base.prototype)).to.deep.equal(['constructor']);
    });
  });
});
