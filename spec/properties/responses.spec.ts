import { configure, jsonResponse } from 'ajax-guard';
import { serializeResponse } from 'ajax-guard/adapter';
import { expect } from 'chai';
import fc from 'fast-check';
import { FIELD_VALUE, headerText, TOKEN } from '../support/arbitraries.js';
import { inMode } from '../support/decorator-mode.js';

const RUNS = { numRuns: 300 };

describe(inMode('property: responses and header values'), () => {
  describe('serializeResponse(jsonResponse(anything))', () => {
    it('gives the JSON text of the body, or the clean 500, and never throws', () => {
      fc.assert(
        fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true }), (body) => {
          let text: string | undefined;
          try {
            text = JSON.stringify(body);
          } catch {
            text = undefined;
          }
          const wire = serializeResponse(jsonResponse(body));
          if (typeof text === 'string') {
            expect(wire).to.deep.equal({
              status: 200,
              headers: { 'content-type': 'application/json; charset=utf-8' },
              body: text,
            });
          } else {
            expect(wire.status).to.equal(500);
            expect(JSON.parse(wire.body)).to.include({ status: '500', errorcode: 'SERIALIZATION_FAILED' });
          }
        }),
        RUNS,
      );
    });

    it('turns a cyclic body into the clean 500', () => {
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      expect(serializeResponse(jsonResponse(cyclic)).status).to.equal(500);
    });
  });

  describe('any string given as a header value', () => {
    it('is accepted by jsonResponse exactly when it is visible ASCII, space and tab', () => {
      fc.assert(
        fc.property(headerText, (value) => {
          const build = () => jsonResponse(null, { headers: { 'x-value': value } });
          if (FIELD_VALUE.test(value)) expect(build().headers['x-value']).to.equal(value);
          else expect(build).to.throw(TypeError, /header "x-value"/);
        }),
        RUNS,
      );
    });

    it('is accepted as the challenge exactly when it is a valid value starting with a scheme', () => {
      fc.assert(
        fc.property(headerText, (value) => {
          const valid = FIELD_VALUE.test(value) && TOKEN.test(value.split(' ', 1)[0] as string);
          if (valid) expect(configure({ challenge: value })).to.have.property('challenge');
          else expect(() => configure({ challenge: value })).to.throw(TypeError, /settings\.challenge/);
        }),
        RUNS,
      );
    });

    it('is accepted as a header name exactly when it is a token', () => {
      fc.assert(
        fc.property(headerText, (name) => {
          const build = () => jsonResponse(null, { headers: { [name]: 'v' } });
          if (TOKEN.test(name)) expect(build().headers[name.toLowerCase()]).to.equal('v');
          else expect(build).to.throw(TypeError, /invalid header name/);
        }),
        RUNS,
      );
    });
  });
});
