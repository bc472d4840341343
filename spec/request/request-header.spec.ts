import { requestHeader } from 'ajax-guard/adapter';
import { expect } from 'chai';
import { expressRequest, fastifyRequest, koaContext, rawHead } from '../support/captured-requests.js';
import { inMode } from '../support/decorator-mode.js';

const HEADERS = { Accept: 'text/html', 'X-Requested-With': 'XMLHttpRequest' };

describe(inMode('requestHeader(request, name)'), () => {
  describe('given a plain object', () => {
    it('should read a lower-case header by a name in any case', () => {
      expect(requestHeader({ headers: { accept: 'text/html' } }, 'Accept')).to.equal('text/html');
    });

    it('should find a header written in another case', () => {
      expect(requestHeader({ headers: { 'X-Requested-With': 'XMLHttpRequest' } }, 'x-requested-with')).to.equal('XMLHttpRequest');
    });

    it('should join repeated values with ", "', () => {
      expect(requestHeader({ headers: { accept: ['text/html', 'application/json'] } }, 'accept')).to.equal(
        'text/html, application/json',
      );
    });

    it('should be undefined when the header, or the headers, are missing', () => {
      expect(requestHeader({ headers: {} }, 'accept')).to.equal(undefined);
      expect(requestHeader({}, 'accept')).to.equal(undefined);
      expect(requestHeader(undefined, 'accept')).to.equal(undefined);
      expect(requestHeader({ headers: 'accept: text/html' }, 'accept')).to.equal(undefined);
    });

    it('should be undefined for a value that is not text', () => {
      expect(requestHeader({ headers: { accept: 42 } }, 'accept')).to.equal(undefined);
      expect(requestHeader({ headers: { accept: ['text/html', 1] } }, 'accept')).to.equal(undefined);
    });

    it('should never read a header from a prototype', () => {
      const polluted = Object.prototype as Record<string, unknown>;
      polluted.accept = 'text/html';
      try {
        expect(requestHeader({ headers: {} }, 'accept')).to.equal(undefined);
        expect(requestHeader({ headers: Object.create({ accept: 'text/html' }) }, 'accept')).to.equal(undefined);
        expect(requestHeader(Object.create({ headers: { accept: 'text/html' } }), 'accept')).to.equal(undefined);
      } finally {
        delete polluted.accept;
      }
    });
  });

  describe('given a Fetch Request', () => {
    it('should read its Headers, joining repeated values', () => {
      const headers = new Headers(HEADERS);
      headers.append('Accept', 'application/json');
      const request = new Request('http://localhost/', { headers });
      expect(requestHeader(request, 'ACCEPT')).to.equal('text/html, application/json');
      expect(requestHeader(request, 'x-requested-with')).to.equal('XMLHttpRequest');
      expect(requestHeader(request, 'authorization')).to.equal(undefined);
    });
  });

  describe('given a real framework request', () => {
    const head = rawHead('/items', HEADERS);

    it("should read Express's req.headers", async () => {
      const req = await expressRequest(head);
      expect(requestHeader(req, 'Accept')).to.equal('text/html');
      expect(requestHeader(req, 'X-Requested-With')).to.equal('XMLHttpRequest');
    });

    it("should read Koa's headers from ctx.req, since ctx.headers is a plain-prototype getter", async () => {
      const ctx = await koaContext(head);
      expect(requestHeader(ctx, 'Accept')).to.equal('text/html');
    });

    it("should read Fastify's request.headers getter", async () => {
      const request = await fastifyRequest(head);
      expect(requestHeader(request, 'accept')).to.equal('text/html');
    });
  });
});
