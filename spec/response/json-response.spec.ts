import { dirname } from 'node:path';
import { isJsonResponse, jsonResponse } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { whilePolluted } from '../support/pollution.js';

describe(inMode('jsonResponse(body, init?)'), () => {
  describe('with a body alone', () => {
    it('has status 200, the JSON content type and the body as data', () => {
      const body = { items: [1, 2] };
      const res = jsonResponse(body);
      expect(res.status).to.equal(200);
      expect(res.headers).to.deep.equal({ 'content-type': 'application/json; charset=utf-8' });
      expect(res.body).to.equal(body);
    });

    it('keeps a body that is not an object, unserialized', () => {
      expect(jsonResponse('text').body).to.equal('text');
      expect(jsonResponse(null).body).to.equal(null);
    });
  });

  describe('with a status', () => {
    it('uses it', () => {
      expect(jsonResponse({}, { status: 410 }).status).to.equal(410);
    });

    for (const status of [99, 600, 200.5, Number.NaN, '200']) {
      it(`throws a TypeError for ${String(status)} (${typeof status})`, () => {
        expect(() => jsonResponse({}, { status: status as number })).to.throw(
          TypeError,
          /jsonResponse: status must be an integer/,
        );
      });
    }

    it('names the kind of a status that is no number, never its value', () => {
      expect(() => jsonResponse({}, { status: [200] as never })).to.throw(TypeError, /got an array$/);
      expect(() => jsonResponse({}, { status: '200' as never })).to.throw(TypeError, /got a string$/);
    });

    it('accepts the ends of the range, 100 and 599', () => {
      expect(jsonResponse({}, { status: 100 }).status).to.equal(100);
      expect(jsonResponse({}, { status: 599 }).status).to.equal(599);
    });
  });

  describe('with headers', () => {
    it('stores their names lower-cased, beside the default content type', () => {
      const res = jsonResponse({}, { headers: { 'X-Request-Id': 'abc', ETag: '"v1"' } });
      expect(res.headers).to.deep.equal({
        'content-type': 'application/json; charset=utf-8',
        'x-request-id': 'abc',
        etag: '"v1"',
      });
    });

    for (const name of ['Content-Type', 'content-type', 'CONTENT-TYPE']) {
      it(`keeps one content type when it is given as ${name}`, () => {
        const res = jsonResponse({}, { headers: { [name]: 'application/vnd.api+json' } });
        expect(res.headers).to.deep.equal({ 'content-type': 'application/vnd.api+json' });
      });
    }

    it('accepts a tab and visible ASCII in a value', () => {
      expect(jsonResponse({}, { headers: { 'x-a': 'a\tb ~!' } }).headers['x-a']).to.equal('a\tb ~!');
    });
  });

  describe('when a header value is not plain visible ASCII', () => {
    const values: Record<string, string> = {
      'a CR and LF (response splitting)': 'ok\r\nset-cookie: evil=1',
      'a lone LF': 'ok\nx',
      'a lone CR': 'ok\rx',
      'a NUL': 'ok\0',
      'a DEL': 'ok\x7f',
      'a non-ASCII letter': 'café',
    };
    for (const [what, value] of Object.entries(values)) {
      it(`throws a TypeError naming the header for ${what}`, () => {
        expect(() => jsonResponse({}, { headers: { 'x-a': value } })).to.throw(TypeError, /header "x-a".*no CR, LF/);
      });
    }

    it('throws a TypeError for a value that is not a string', () => {
      expect(() => jsonResponse({}, { headers: { 'x-a': 1 as unknown as string } })).to.throw(TypeError, /header "x-a"/);
    });
  });

  describe('when a header name is not an RFC 9110 token', () => {
    for (const name of ['', 'x a', 'x:a', 'x\r\na', 'ünicode', '(x)']) {
      it(`throws a TypeError for ${JSON.stringify(name)}`, () => {
        expect(() => jsonResponse({}, { headers: { [name]: 'v' } })).to.throw(TypeError, /invalid header name/);
      });
    }
  });

  describe('the response it returns', () => {
    it('made with no init, leaves nothing shared to change: its headers are frozen, though it is not', () => {
      const res = jsonResponse({ a: 1 });
      // A freeze is a call into V8's runtime on every 200; the response is its caller's alone.
      expect(Object.isFrozen(res)).to.equal(false);
      expect(Object.isFrozen(res.headers)).to.equal(true);
      expect(res.headers).to.equal(jsonResponse({ b: 2 }).headers);
      expect(() => {
        (res.headers as Record<string, string>)['x-a'] = 'b';
      }).to.throw(TypeError);
    });

    it('made with an init, is frozen, headers included', () => {
      const res = jsonResponse({ a: 1 }, { headers: { 'x-a': 'b' } });
      expect(Object.isFrozen(res)).to.equal(true);
      expect(Object.isFrozen(res.headers)).to.equal(true);
      expect(() => {
        (res as { status: number }).status = 500;
      }).to.throw(TypeError);
    });

    it('does not share its headers with the init it was given', () => {
      const headers = { 'x-a': 'b' };
      const res = jsonResponse({}, { headers });
      headers['x-a'] = 'changed';
      expect(res.headers['x-a']).to.equal('b');
    });
  });

  describe('when Object.prototype is polluted', () => {
    it('takes neither a status nor headers from it', () => {
      const res = whilePolluted({ status: 500, headers: { 'x-evil': '1' } }, () => jsonResponse({ ok: true }));
      expect(res.status).to.equal(200);
      expect(res.headers).to.deep.equal({ 'content-type': 'application/json; charset=utf-8' });
    });

    it('is no thenable to a Promise it resolves, even with a then polluting it', async () => {
      const res = jsonResponse({ ok: true });
      const hijack = (resolve: (value: unknown) => void): void => resolve('hijacked');
      // biome-ignore lint/suspicious/noThenProperty: a polluted `then` is what this test is about
      const resolved = whilePolluted({ then: hijack }, () => Promise.resolve(res));
      expect(await resolved).to.equal(res);
      expect(Object.keys(res)).to.deep.equal(['status', 'headers', 'body']);
    });
  });

  describe('when init is a class instance', () => {
    it('reads its status from the class prototype', () => {
      class Gone {
        get status(): number {
          return 410;
        }
      }
      expect(jsonResponse({}, new Gone()).status).to.equal(410);
    });
  });
});

// A second copy of the library in this process, as a plugin that bundles its own loads one.
function secondCopy(): typeof import('ajax-guard') {
  const dist = dirname(require.resolve('ajax-guard'));
  const loaded = Object.entries(require.cache).filter(([path]) => path.startsWith(dist));
  for (const [path] of loaded) delete require.cache[path];
  try {
    return require('ajax-guard') as typeof import('ajax-guard');
  } finally {
    for (const [path, module] of loaded) require.cache[path] = module;
  }
}

describe(inMode('isJsonResponse(value)'), () => {
  it('is true for a response made by jsonResponse', () => {
    expect(isJsonResponse(jsonResponse(null))).to.equal(true);
  });

  it('is true for a response made by another copy of the library, and that copy agrees', () => {
    const other = secondCopy();
    expect(other.jsonResponse).not.to.equal(jsonResponse);
    expect(isJsonResponse(other.jsonResponse({ from: 'plugin' }))).to.equal(true);
    expect(other.isJsonResponse(jsonResponse({ from: 'app' }))).to.equal(true);
    expect(isJsonResponse({ ...other.jsonResponse(null) })).to.equal(false);
  });

  describe('for anything jsonResponse did not make', () => {
    const lookAlikes: Record<string, unknown> = {
      'a look-alike object': { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: null },
      'a copy of a real response': { ...jsonResponse(null) },
      'an object inheriting from a real response': Object.create(jsonResponse(null)),
      null: null,
      undefined: undefined,
      'a string': '{"status":200}',
      'a number': 200,
    };
    for (const [what, value] of Object.entries(lookAlikes)) {
      it(`is false for ${what}`, () => {
        expect(isJsonResponse(value)).to.equal(false);
      });
    }
  });
});
