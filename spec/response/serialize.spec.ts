import { isJsonResponse, type JsonResponse, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import * as kit from 'ajax-guard/adapter';
import { serializeResponse, toJsonResponse } from 'ajax-guard/adapter';
import { expect } from 'chai';
import { pinClock } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';

const FAILURE = {
  status: 500,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: '{"status":"500","message":"Response could not be serialized","timestamp":"1764000000","errorcode":"SERIALIZATION_FAILED"}',
};

describe(inMode('serializeResponse(response)'), () => {
  describe('with a body JSON can hold', () => {
    it('keeps status and headers and serializes the body compactly', () => {
      const res = jsonResponse({ a: [1, 'b'] }, { status: 201, headers: { 'x-a': 'b' } });
      expect(serializeResponse(res)).to.deep.equal({ status: 201, headers: res.headers, body: '{"a":[1,"b"]}' });
    });
  });

  for (const status of [204, 205, 304]) {
    describe(`with status ${status}`, () => {
      it('sends no body', () => {
        expect(serializeResponse(jsonResponse({ ignored: true }, { status })).body).to.equal('');
      });
    });
  }

  it('writes the status a response made with no init holds when written, not the 200 it was made with', () => {
    const res = jsonResponse({ error: 'no' });
    (res as { status: number }).status = 403;
    expect(serializeResponse(res)).to.deep.include({ status: 403, body: '{"error":"no"}' });
  });

  describe('with a body JSON cannot hold', () => {
    beforeEach(pinClock);

    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const bodies: Record<string, unknown> = {
      'a cycle': cyclic,
      'a BigInt': { total: 10n },
      'a throwing toJSON': {
        toJSON() {
          throw new Error('secret detail');
        },
      },
      'undefined, which serializes to nothing': undefined,
    };
    for (const [what, body] of Object.entries(bodies)) {
      it(`gives a clean 500 JSON response for ${what}, with nothing of the body or a stack`, () => {
        expect(serializeResponse(jsonResponse(body))).to.deep.equal(FAILURE);
      });
    }
  });
});

describe(inMode('toJsonResponse(value)'), () => {
  it('returns a JsonResponse as it is', () => {
    const res = jsonResponse({}, { status: 404 });
    expect(toJsonResponse(res)).to.equal(res);
  });

  it('wraps any other value as 200 JSON data', () => {
    const res = toJsonResponse({ items: [] });
    expect(isJsonResponse(res)).to.equal(true);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ items: [] });
  });

  it('treats a look-alike as data, never as a status to obey', () => {
    const lookAlike = { status: 302, headers: { location: 'https://evil.example' }, body: null };
    const res = toJsonResponse(lookAlike);
    expect(res.status).to.equal(200);
    expect(res.body).to.equal(lookAlike);
    expect(res.headers).not.to.have.property('location');
  });
});

describe(inMode('the adapter kit, for the answers an adapter writes itself'), () => {
  it("gives JSON_CONTENT_TYPE, every response's content type", () => {
    expect(kit.JSON_CONTENT_TYPE).to.equal('application/json; charset=utf-8');
    expect(jsonResponse({}).headers['content-type']).to.equal(kit.JSON_CONTENT_TYPE);
  });

  it("gives the core's isJsonResponse, which knows only responses the library made", () => {
    expect(kit.isJsonResponse).to.equal(isJsonResponse);
    expect(kit.isJsonResponse(jsonResponse({}))).to.equal(true);
    expect(kit.isJsonResponse({ status: 200, headers: {}, body: null })).to.equal(false);
  });

  it('gives isThenable, which tells a pending verdict from a settled one', () => {
    // biome-ignore lint/suspicious/noThenProperty: a thenable that is no Promise is the point here
    const thenable = { then: () => {} };
    // biome-ignore lint/suspicious/noThenProperty: a `then` that is no function makes no thenable
    const notThenable = { then: 1 };
    expect([kit.isThenable(Promise.resolve()), kit.isThenable(thenable), kit.isThenable(notThenable)]).to.deep.equal([
      true,
      true,
      false,
    ]);
  });

  it('gives utf8Length, the bytes of a body for its content-length', () => {
    expect(kit.utf8Length('{"name":"Zoë"}')).to.equal(Buffer.byteLength('{"name":"Zoë"}'));
  });

  it("gives mergeVary, which keeps the app's vary first and adds the response's new names", () => {
    expect(kit.mergeVary('Origin', 'Accept, origin')).to.equal('Origin, Accept');
  });

  it("gives accessCheck, a guard's check of one request, and a TypeError naming the caller for anything else", () => {
    const check = kit.accessCheck(loginRequiredAjax(), 'myAdapter');
    expect((check({ user: undefined }) as JsonResponse).status).to.equal(401);
    expect(check({ user: { id: 1 } })).to.equal(undefined);
    expect(() => kit.accessCheck(() => undefined, 'myAdapter')).to.throw(TypeError, /myAdapter/);
  });
});
