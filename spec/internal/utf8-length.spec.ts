import { utf8Length } from 'ajax-guard/adapter';
import { expect } from 'chai';
import fc from 'fast-check';

describe('utf8Length(text)', () => {
  it('counts the bytes of ASCII, two-, three- and four-byte characters as UTF-8 encodes them', () => {
    for (const text of ['', 'abc', 'Zoë', '€', '😀', '日本語😀x']) {
      expect(utf8Length(text), text).to.equal(Buffer.byteLength(text));
    }
  });

  it('counts a lone surrogate as the three bytes of the U+FFFD that replaces it', () => {
    expect(utf8Length('a\ud800b')).to.equal(new TextEncoder().encode('a\ud800b').byteLength);
    expect(utf8Length('\udc00')).to.equal(3);
  });

  it('agrees with TextEncoder for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => utf8Length(text) === new TextEncoder().encode(text).byteLength),
      { numRuns: 500 },
    );
  });
});
