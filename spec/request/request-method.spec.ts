import { requestMethod } from 'ajax-guard/adapter';
import { expect } from 'chai';
import { expressRequest, fastifyRequest, koaContext, rawHead } from '../support/captured-requests.js';
import { inMode } from '../support/decorator-mode.js';

describe(inMode('requestMethod(request)'), () => {
  describe('given a plain object', () => {
    it('should read its method as sent', () => {
      expect(requestMethod({ method: 'POST' })).to.equal('POST');
      expect(requestMethod({ method: 'get' })).to.equal('get');
    });

    it('should read the method of the Node request it wraps as req', () => {
      expect(requestMethod({ req: { method: 'PUT' } })).to.equal('PUT');
    });

    it('should be undefined when there is no method, or it is not text', () => {
      expect(requestMethod({})).to.equal(undefined);
      expect(requestMethod({ method: 1 })).to.equal(undefined);
      expect(requestMethod(null)).to.equal(undefined);
    });

    it('should never read a method from a prototype', () => {
      const polluted = Object.prototype as Record<string, unknown>;
      polluted.method = 'DELETE';
      try {
        expect(requestMethod({})).to.equal(undefined);
        expect(requestMethod(Object.create({ method: 'DELETE' }))).to.equal(undefined);
      } finally {
        delete polluted.method;
      }
    });
  });

  describe('given a Fetch Request', () => {
    it('should read its method', () => {
      expect(requestMethod(new Request('http://localhost/', { method: 'PATCH' }))).to.equal('PATCH');
    });
  });

  describe('given a real framework request', () => {
    const head = rawHead('/items', {}, 'DELETE');

    it("should read Express's req.method", async () => {
      expect(requestMethod(await expressRequest(head))).to.equal('DELETE');
    });

    it("should read Koa's ctx.req.method, since ctx.method is a plain-prototype getter", async () => {
      expect(requestMethod(await koaContext(head))).to.equal('DELETE');
    });

    it("should read Fastify's request.method getter", async () => {
      expect(requestMethod(await fastifyRequest(head))).to.equal('DELETE');
    });
  });
});
