import { requestPath } from 'ajax-guard/adapter';
import { expect } from 'chai';
import { expressRequest, fastifyRequest, koaContext, rawHead } from '../support/captured-requests.js';
import { inMode } from '../support/decorator-mode.js';

// Targets that a naive `next` would turn into another site, and what each must become.
const CRAFTED: Record<string, string> = {
  '//evil.example/x?y=1': '/evil.example/x?y=1',
  '///evil.example': '/evil.example',
  '/\\evil.example': '/evil.example',
  '\\\\evil.example/x': '/evil.example/x',
  '/\\/\\evil.example': '/evil.example',
  'http://evil.example/x?y=1': '/x?y=1',
  'https://evil.example': '/',
  'http://evil.example//other.example/x': '/other.example/x',
};

// Node's HTTP parser answers 400 to a target that starts with a backslash.
const ON_THE_WIRE = Object.entries(CRAFTED).filter(([target]) => !target.startsWith('\\'));

describe(inMode('requestPath(request)'), () => {
  describe('given a plain object', () => {
    it('should use originalUrl, else url', () => {
      expect(requestPath({ originalUrl: '/api/items?page=2', url: '/items?page=2' })).to.equal('/api/items?page=2');
      expect(requestPath({ url: '/items?page=2' })).to.equal('/items?page=2');
    });

    it('should fall back to the url of the Node request it wraps as req', () => {
      expect(requestPath({ req: { url: '/inner' } })).to.equal('/inner');
    });

    it('should be "/" when there is no target, or it is not text', () => {
      expect(requestPath({})).to.equal('/');
      expect(requestPath({ url: 42 })).to.equal('/');
      expect(requestPath(undefined)).to.equal('/');
    });

    it('should keep the path and query as they are', () => {
      expect(requestPath({ url: '/a%2Fb/c?d=%20e&f=g#h' })).to.equal('/a%2Fb/c?d=%20e&f=g');
      expect(requestPath({ url: '/caf\u00e9?x=\u{1f600}' })).to.equal('/caf\u00e9?x=\u{1f600}');
    });

    it('should start a relative or empty target with "/"', () => {
      expect(requestPath({ url: 'items?x=1' })).to.equal('/items?x=1');
      expect(requestPath({ url: '' })).to.equal('/');
      expect(requestPath({ url: '?x=1' })).to.equal('/?x=1');
    });

    for (const [target, expected] of Object.entries(CRAFTED)) {
      it(`should turn ${JSON.stringify(target)} into ${JSON.stringify(expected)}`, () => {
        expect(requestPath({ url: target })).to.equal(expected);
      });
    }

    it('should resolve a trailing dot-segment to its directory, as a browser does', () => {
      expect(requestPath({ url: '/a/b/..?x=1' })).to.equal('/a/?x=1');
      expect(requestPath({ url: '/a/b/.' })).to.equal('/a/b/');
      expect(requestPath({ url: '/a/%2E%2e' })).to.equal('/');
    });

    it('should drop leading controls and spaces a browser would skip', () => {
      expect(requestPath({ url: '/\t/evil.example' })).to.equal('/evil.example');
      expect(requestPath({ url: ' \n//evil.example' })).to.equal('/evil.example');
      expect(requestPath({ url: '\u0000/\\evil.example' })).to.equal('/evil.example');
    });

    it('should answer "/" for an absolute target that does not parse', () => {
      expect(requestPath({ url: 'http://[::1' })).to.equal('/');
    });

    it('should replace lone surrogates, which encodeURIComponent cannot encode', () => {
      const path = requestPath({ url: '/a\uD800b\uDC00' });
      expect(path).to.equal('/a\uFFFDb\uFFFD');
      expect(() => encodeURIComponent(path)).not.to.throw();
    });

    it('should never read a target from a prototype', () => {
      const polluted = Object.prototype as Record<string, unknown>;
      polluted.originalUrl = '//evil.example';
      try {
        expect(requestPath({ url: '/mine' })).to.equal('/mine');
        expect(requestPath(Object.create({ url: '/theirs' }))).to.equal('/');
      } finally {
        delete polluted.originalUrl;
      }
    });
  });

  describe('given a Fetch Request', () => {
    it('should use its URL path and search, never its host', () => {
      expect(requestPath(new Request('http://evil.example/items?page=2#top'))).to.equal('/items?page=2');
      expect(requestPath(new Request('http://localhost//evil.example/x'))).to.equal('/evil.example/x');
    });
  });

  describe('given a real Express request', () => {
    it('should use req.originalUrl, not the mounted req.url', async () => {
      const req = await expressRequest(rawHead('/api/items?page=2'), '/api');
      expect(req.url).to.equal('/items?page=2');
      expect(requestPath(req)).to.equal('/api/items?page=2');
    });

    it('should ignore Host and X-Forwarded-* headers', async () => {
      const headers = {
        'X-Forwarded-Host': 'evil.example',
        'X-Forwarded-Proto': 'https',
        'X-Forwarded-Prefix': '//evil.example',
      };
      const req = await expressRequest(`${rawHead('/items', headers)}\r\nHost: evil.example`.replace('Host: localhost\r\n', ''));
      expect(requestPath(req)).to.equal('/items');
    });

    for (const [target, expected] of ON_THE_WIRE) {
      it(`should turn the request target ${target} into ${expected}`, async () => {
        expect(requestPath(await expressRequest(rawHead(target)))).to.equal(expected);
      });
    }
  });

  describe('given a real Koa context', () => {
    it('should use ctx.originalUrl', async () => {
      expect(requestPath(await koaContext(rawHead('/items?page=2')))).to.equal('/items?page=2');
    });

    it('should keep crafted targets on this site', async () => {
      expect(requestPath(await koaContext(rawHead('//evil.example/x')))).to.equal('/evil.example/x');
      expect(requestPath(await koaContext(rawHead('http://evil.example/x')))).to.equal('/x');
    });
  });

  describe('given a real Fastify request', () => {
    it('should use request.url', async () => {
      expect(requestPath(await fastifyRequest(rawHead('/items?page=2')))).to.equal('/items?page=2');
    });

    it('should keep crafted targets on this site', async () => {
      expect(requestPath(await fastifyRequest(rawHead('/\\evil.example/x')))).to.equal('/evil.example/x');
      expect(requestPath(await fastifyRequest(rawHead('http://evil.example/x?y=1')))).to.equal('/x?y=1');
    });
  });
});
