import { isJsonResponse, jsonResponse } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';

describe(inMode('jsonResponse(body, init?)'), () => {
  describe('with a body alone', () => {
    it('has status 200, the JSON content type and the body as data', () => {
      const res = jsonResponse({ items: [1, 2] });
      expect(res.status).to.equal(200);
      expect(res.headers).to.deep.equal({ 'content-type': 'application/json; charset=utf-8' });
      expect(res.body).to.deep.equal({ items: [1, 2] });
    });
  });

  describe('with a content type in another letter case', () => {
    it('keeps that one content type, stored lower-cased', () => {
      const res = jsonResponse({}, { headers: { 'Content-Type': 'application/vnd.api+json' } });
      expect(res.headers).to.deep.equal({ 'content-type': 'application/vnd.api+json' });
    });
  });

  describe('when a header value holds CR or LF', () => {
    it('throws a TypeError naming the header', () => {
      expect(() => jsonResponse({}, { headers: { 'x-a': 'ok\r\nset-cookie: evil=1' } })).to.throw(TypeError, /header "x-a"/);
    });
  });
});

describe(inMode('isJsonResponse(value)'), () => {
  it('is true for a response made by jsonResponse', () => {
    expect(isJsonResponse(jsonResponse(null))).to.equal(true);
  });

  it('is false for a look-alike object', () => {
    expect(isJsonResponse({ status: 200, headers: {}, body: null })).to.equal(false);
  });
});
