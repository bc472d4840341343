import { acceptQuality } from 'ajax-guard/adapter';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

// The quality `accept` gives each type, in the order asked.
const qualities = (accept: string | undefined, ...types: string[]): number[] => types.map((type) => acceptQuality(accept, type));

describe(inMode('acceptQuality(accept, mediaType)'), () => {
  describe('when there is no Accept header', () => {
    it('should give every type 1, as */* does', () => {
      expect(qualities(undefined, 'text/html', 'application/json')).to.deep.equal([1, 1]);
    });
  });

  describe('when the header is empty', () => {
    it('should give every type 0', () => {
      expect(qualities('', 'text/html', 'application/json')).to.deep.equal([0, 0]);
      expect(qualities(' , ', 'text/html')).to.deep.equal([0]);
    });
  });

  describe('when Accept: */*', () => {
    it('should give every type 1', () => {
      expect(qualities('*/*', 'text/html', 'application/json')).to.deep.equal([1, 1]);
    });
  });

  describe('when Accept is a browser navigation', () => {
    it('should give text/html 1 and application/json the wildcard 0.8', () => {
      expect(qualities(BROWSER, 'text/html', 'application/json', 'application/xml')).to.deep.equal([1, 0.8, 0.9]);
    });
  });

  describe('when Accept: application/json', () => {
    it('should give application/json 1 and anything else 0', () => {
      expect(qualities('application/json', 'application/json', 'text/html')).to.deep.equal([1, 0]);
    });

    it('should be case insensitive', () => {
      expect(qualities('Application/JSON', 'application/json')).to.deep.equal([1]);
      expect(qualities('application/json', 'application/JSON')).to.deep.equal([1]);
    });
  });

  describe('when Accept: application/json;q=0', () => {
    it('should give application/json 0', () => {
      expect(qualities('application/json;q=0', 'application/json')).to.deep.equal([0]);
    });
  });

  describe('when Accept: application/json;q=0.2, text/html', () => {
    it('should give text/html 1 and application/json 0.2', () => {
      expect(qualities('application/json;q=0.2, text/html', 'text/html', 'application/json')).to.deep.equal([1, 0.2]);
    });
  });

  describe('when Accept: text/*', () => {
    it('should give every text type 1 and others 0', () => {
      expect(qualities('text/*', 'text/html', 'text/plain', 'application/json')).to.deep.equal([1, 1, 0]);
    });
  });

  describe('when Accept: text/*, text/plain;q=0', () => {
    it('should let the more specific range decide', () => {
      expect(qualities('text/*, text/plain;q=0', 'text/html', 'text/plain')).to.deep.equal([1, 0]);
    });
  });

  describe('when Accept: text/*, text/plain;q=0.5', () => {
    it('should rank text/plain below other text types', () => {
      expect(qualities('text/*, text/plain;q=0.5', 'text/html', 'text/plain')).to.deep.equal([1, 0.5]);
    });
  });

  describe('when a wildcard ranks above a specific range', () => {
    it('should still let the specific range decide', () => {
      expect(qualities('*/*, text/html;q=0.1', 'text/html', 'application/json')).to.deep.equal([0.1, 1]);
      expect(qualities('application/*;q=0.9, application/json;q=0.3', 'application/json')).to.deep.equal([0.3]);
    });
  });

  describe('when Accept: text/plain, application/json;q=0.5, text/html, */*;q=0.1', () => {
    it('should rank text above application/json above anything else', () => {
      const accept = 'text/plain, application/json;q=0.5, text/html, */*;q=0.1';
      expect(qualities(accept, 'text/plain', 'text/html', 'application/json', 'image/jpeg')).to.deep.equal([1, 1, 0.5, 0.1]);
    });
  });

  describe('when a type is listed twice: application/json;q=0.9, text/html;q=0.8, application/json;q=0.7', () => {
    it('should take the highest quality', () => {
      const accept = 'application/json;q=0.9, text/html;q=0.8, application/json;q=0.7';
      expect(qualities(accept, 'application/json', 'text/html')).to.deep.equal([0.9, 0.8]);
    });
  });

  describe('when ranges carry parameters', () => {
    it('should not match a bare type with a narrower range: text/html;level=1', () => {
      expect(qualities('text/html;level=1', 'text/html')).to.deep.equal([0]);
      expect(qualities('text/html;LEVEL=1, */*;q=0.3', 'text/html')).to.deep.equal([0.3]);
    });

    it('should read q after the parameters, in any letter case and spacing', () => {
      expect(qualities('text/html ; Q=0.4', 'text/html')).to.deep.equal([0.4]);
      expect(qualities('text/html;q = 0.4 , application/json', 'text/html')).to.deep.equal([0.4]);
      expect(qualities('application/json;charset=utf-8;q=0.5, text/html;q=0.5', 'text/html')).to.deep.equal([0.5]);
    });

    it('should treat parameters after q as extensions, not narrowing the range', () => {
      expect(qualities('text/html;q=0.6;ext=1', 'text/html')).to.deep.equal([0.6]);
    });

    it('should skip empty parameters', () => {
      expect(qualities('text/html;;q=0.7;', 'text/html')).to.deep.equal([0.7]);
    });

    it('should not split on commas or semicolons inside quoted strings', () => {
      const accept = 'text/html;foo="bar,text/css;";fizz="buzz,5", text/plain;q=0.5';
      expect(qualities(accept, 'text/css', 'text/plain', 'text/html')).to.deep.equal([0, 0.5, 0]);
      expect(qualities('text/html;foo=";level=2;", application/json;q="0.5"', 'application/json')).to.deep.equal([0]);
    });
  });

  describe('when q is malformed or out of range', () => {
    it('should ignore that element', () => {
      for (const q of ['abc', '2', '1.5', '-1', '', '0x1', '1e0', '"0.5"']) {
        expect(qualities(`text/html;q=${q}, */*;q=0.2`, 'text/html'), `q=${q}`).to.deep.equal([0.2]);
      }
    });

    it('should ignore an element whose q has no value at all', () => {
      expect(qualities('text/html;q, */*;q=0.2', 'text/html')).to.deep.equal([0.2]);
    });

    it('should accept lenient but valid numbers', () => {
      expect(qualities('text/html;q=.5', 'text/html')).to.deep.equal([0.5]);
      expect(qualities('text/html;q=1.000', 'text/html')).to.deep.equal([1]);
      expect(qualities('text/html;q=0.', 'text/html')).to.deep.equal([0]);
    });
  });

  describe('when an element is not a media range', () => {
    it('should ignore it', () => {
      for (const element of ['boom', 'text', 'text/', '/html', '<script>/x', '*/html', 'text/html/x', ';q=1', ';;']) {
        expect(qualities(`${element}, application/json;q=0.1`, 'text/html', 'application/json'), element).to.deep.equal([0, 0.1]);
      }
    });
  });

  describe('when the media type asked about has no subtype', () => {
    it('should match it by its type/* range and */* alone', () => {
      expect(qualities('text/*;q=0.6, */*;q=0.2', 'text')).to.deep.equal([0.6]);
      expect(qualities('text/html, */*;q=0.2', 'text')).to.deep.equal([0.2]);
    });
  });

  describe('when a type of the same length differs', () => {
    it('should not match it', () => {
      expect(qualities('font/html, text/plain', 'text/html')).to.deep.equal([0]);
    });
  });

  describe('when a quoted string is never closed', () => {
    it('should read the rest of the header as part of it', () => {
      expect(qualities('text/html;x="a, application/json', 'text/html', 'application/json')).to.deep.equal([0, 0]);
      expect(qualities(`application/json;q=0.4, text/html;x="${'\\"'.repeat(5000)}`, 'application/json')).to.deep.equal([0.4]);
    });
  });

  describe('when the header has thousands of elements', () => {
    it('should rank them all', () => {
      const accept = `${'a/b;c=d,'.repeat(5000)}text/html;q=0.5, */*;q=0.3`;
      expect(qualities(accept, 'text/html', 'application/json')).to.deep.equal([0.5, 0.3]);
    });
  });
});
