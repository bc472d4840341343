import { acceptQuality, prefersHtml } from 'ajax-guard/adapter';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';

// What real browsers send on a page load, old and new.
const BROWSER_ACCEPTS: Record<string, string> = {
  Chrome:
    'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
  Firefox: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  Safari: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Opera 12':
    'text/html, application/xml;q=0.9, application/xhtml+xml, image/png, image/webp, image/jpeg, image/gif, image/x-xbitmap, */*;q=0.1',
  'Edge before Chromium': 'text/html, application/xhtml+xml, application/xml; q=0.9, */*; q=0.8',
};

describe(inMode('prefersHtml: what browsers and htmx say about themselves'), () => {
  describe('when Sec-Fetch-Mode is present', () => {
    it('should prefer HTML exactly for navigate, whatever Accept says', () => {
      expect(prefersHtml({ headers: { 'sec-fetch-mode': 'navigate' } })).to.equal(true);
      expect(prefersHtml({ headers: { 'sec-fetch-mode': 'navigate', accept: 'application/json' } })).to.equal(true);
      expect(prefersHtml({ headers: { 'sec-fetch-mode': 'navigate', 'x-requested-with': 'XMLHttpRequest' } })).to.equal(true);
    });

    for (const mode of ['cors', 'same-origin', 'no-cors', 'websocket', 'Navigate', '']) {
      it(`should not prefer HTML for ${JSON.stringify(mode)}, even with a browser's Accept`, () => {
        expect(prefersHtml({ headers: { 'sec-fetch-mode': mode, accept: BROWSER_ACCEPTS.Chrome as string } })).to.equal(false);
      });
    }

    it('should read it from a Fetch Request and in any letter case of a plain object', () => {
      expect(prefersHtml(new Request('http://localhost/', { headers: { 'Sec-Fetch-Mode': 'navigate' } }))).to.equal(true);
      expect(prefersHtml({ headers: { 'Sec-Fetch-Mode': 'cors', Accept: 'text/html' } })).to.equal(false);
    });
  });

  describe('when the request is htmx (HX-Request: true)', () => {
    it('should never prefer HTML, though htmx 4 sends Accept: text/html', () => {
      expect(prefersHtml({ headers: { 'hx-request': 'true', accept: 'text/html' } })).to.equal(false);
      expect(prefersHtml({ headers: { 'HX-Request': 'true', accept: 'text/html' } })).to.equal(false);
      expect(prefersHtml({ headers: { 'hx-request': 'true', 'sec-fetch-mode': 'navigate' } })).to.equal(false);
    });

    it('should let another HX-Request value decide nothing', () => {
      expect(prefersHtml({ headers: { 'hx-request': 'false', accept: 'text/html' } })).to.equal(true);
    });
  });

  describe('when only Accept tells (a browser too old to send Sec-Fetch-Mode, or a client that is no browser)', () => {
    for (const [browser, accept] of Object.entries(BROWSER_ACCEPTS)) {
      it(`should prefer HTML for ${browser}'s page load`, () => {
        expect(prefersHtml({ headers: { accept } })).to.equal(true);
      });
    }

    it('should not prefer HTML for Internet Explorer 11, whose */* ties JSON with text/html', () => {
      expect(prefersHtml({ headers: { accept: 'text/html, application/xhtml+xml, image/jxr, */*' } })).to.equal(false);
    });

    it('should prefer neither for an Accept longer than 2 KiB, which no browser sends', () => {
      const padded = (count: number) => `text/html, ${'x-long/y;q=0.1, '.repeat(count)}application/json;q=0.1`;
      expect(padded(200).length).to.be.greaterThan(2048);
      expect(acceptQuality(padded(200), 'text/html')).to.equal(1);
      expect(prefersHtml({ headers: { accept: padded(200) } })).to.equal(false);
      expect(padded(100).length).to.be.lessThan(2048);
      expect(prefersHtml({ headers: { accept: padded(100) } })).to.equal(true);
    });

    it('should spend bounded time on a hostile header', () => {
      const hostile = `text/html;x="${'\\"'.repeat(100_000)}`;
      const started = process.hrtime.bigint();
      for (let i = 0; i < 1000; i++) prefersHtml({ headers: { accept: hostile } });
      const perCallMs = Number(process.hrtime.bigint() - started) / 1e6 / 1000;
      expect(perCallMs).to.be.lessThan(0.05);
    });
  });

  describe('acceptQuality for a media type that is not two tokens', () => {
    it('should match only wildcards, never a range that is not two tokens', () => {
      expect(acceptQuality('<script>/x, */*;q=0.5', '<script>/x')).to.equal(0.5);
      expect(acceptQuality('text /html, text/html x;q=0.5', 'text /html')).to.equal(0);
    });
  });

  describe('ranking text/html against application/json in one pass', () => {
    // Each case ranks as acceptQuality ranks the two types on their own.
    const cases = [
      'text/html;q=0.5, application/json;q=0.5',
      'application/*;q=0.9, text/*;q=0.8, */*',
      'text/*;q=0.8, application/json;q=0.7, */*;q=0.9',
      'TEXT/HTML;Q=0.3, APPLICATION/JSON;Q=0.2',
      'text/html;level=1, application/json;q=0.1',
      'text/html;q=1.5, application/json;q=0.1',
      'text/html;q=.9, application/json;q=0.',
      'application/json;q=0, text/html;q=0',
      '*/*;q=0.1, text/html;q=0',
      'text/html;x="a,application/json", */*;q=0.2',
    ];
    for (const accept of cases) {
      it(`should agree with acceptQuality for ${accept}`, () => {
        const expected = acceptQuality(accept, 'text/html') > acceptQuality(accept, 'application/json');
        expect(prefersHtml({ headers: { accept } })).to.equal(expected);
      });
    }
  });
});
