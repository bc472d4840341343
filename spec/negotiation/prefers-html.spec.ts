import { prefersHtml } from 'ajax-guard/adapter';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe(inMode('prefersHtml(request)'), () => {
  describe('when the Accept header ranks text/html strictly above application/json', () => {
    for (const accept of [BROWSER, 'text/html', 'text/*', 'application/json;q=0.5, text/html', 'text/html, */*;q=0.1']) {
      it(`should be true for ${accept}`, () => {
        expect(prefersHtml({ headers: { accept } })).to.equal(true);
      });
    }
  });

  describe('when it does not', () => {
    const cases: Record<string, string> = {
      '*/*': 'a wildcard ties',
      'application/json': 'JSON only',
      'application/json, text/plain, */*': "axios's default",
      'text/html, application/json': 'a tie',
      'text/html;q=0.5, application/json': 'JSON ranked higher',
      'application/*, text/html;q=0.9': 'JSON by a subtype wildcard',
      '': 'an empty header',
      '*/html, application/json;q=0.5': '*/html names no type',
      'font/html, application/json;q=0.5': 'another type of the same length is no text',
    };
    for (const [accept, why] of Object.entries(cases)) {
      it(`should be false for ${JSON.stringify(accept)} (${why})`, () => {
        expect(prefersHtml({ headers: { accept } })).to.equal(false);
      });
    }

    it('should rank each header afresh when headers alternate, whichever was ranked last', () => {
      const json = 'application/json, text/plain, */*';
      for (let i = 0; i < 3; i++) {
        expect(prefersHtml({ headers: { accept: BROWSER } })).to.equal(true);
        expect(prefersHtml({ headers: { accept: BROWSER } })).to.equal(true);
        expect(prefersHtml({ headers: { accept: json } })).to.equal(false);
        expect(prefersHtml({ headers: { accept: `${BROWSER}, application/json` } })).to.equal(false);
      }
    });

    it('should be false with no Accept header at all', () => {
      expect(prefersHtml({ headers: {} })).to.equal(false);
      expect(prefersHtml({})).to.equal(false);
    });
  });

  describe('when the request says X-Requested-With: XMLHttpRequest', () => {
    it('should be false whatever the Accept header says', () => {
      expect(prefersHtml({ headers: { accept: BROWSER, 'x-requested-with': 'XMLHttpRequest' } })).to.equal(false);
      expect(prefersHtml({ headers: { accept: BROWSER, 'x-requested-with': ' xmlhttprequest ' } })).to.equal(false);
      expect(prefersHtml({ headers: { accept: BROWSER, 'x-requested-with': ['XMLHttpRequest', 'XMLHttpRequest'] } })).to.equal(
        false,
      );
    });
  });

  describe('when X-Requested-With names something else', () => {
    it("should let Accept decide, as on an Android WebView's page load", () => {
      expect(prefersHtml({ headers: { accept: BROWSER, 'x-requested-with': 'com.example.app' } })).to.equal(true);
    });
  });

  describe('given a Fetch Request', () => {
    it('should read its Headers', () => {
      expect(prefersHtml(new Request('http://localhost/', { headers: { Accept: BROWSER } }))).to.equal(true);
      const xhr = new Request('http://localhost/', { headers: { Accept: BROWSER, 'X-Requested-With': 'XMLHttpRequest' } });
      expect(prefersHtml(xhr)).to.equal(false);
    });
  });
});
