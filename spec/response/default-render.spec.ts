import { defaultRender, isJsonResponse } from 'ajax-guard';
import { expect } from 'chai';
import { DEFAULT_401_JSON } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { aDenial, aForbiddenDenial } from '../support/denial.js';

describe(inMode('defaultRender(denial)'), () => {
  describe('for an unauthenticated denial', () => {
    it('serializes to the default error body, field for field and in order', () => {
      expect(JSON.stringify(defaultRender(aDenial()).body)).to.equal(DEFAULT_401_JSON);
    });

    it('is a 401 JsonResponse with the JSON content type', () => {
      const res = defaultRender(aDenial());
      expect(isJsonResponse(res)).to.equal(true);
      expect(res.status).to.equal(401);
      expect(res.headers['content-type']).to.equal('application/json; charset=utf-8');
    });
  });

  describe('for a forbidden denial', () => {
    it('writes the status as the string "403"', () => {
      const res = defaultRender(aForbiddenDenial());
      expect(res.status).to.equal(403);
      expect(res.body).to.deep.equal({
        status: '403',
        message: 'Permission denied',
        timestamp: '1764000000',
        errorcode: 'PERMISSION_DENIED',
      });
    });
  });

  it('leaves the request out of the body', () => {
    const res = defaultRender(aDenial({ request: { user: null, secret: 's3cret' } }));
    expect(JSON.stringify(res.body)).not.to.include('s3cret');
  });
});
