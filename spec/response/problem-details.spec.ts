import { configure, type JsonResponse, loginRequiredAjax, problemDetails } from 'ajax-guard';
import { expect } from 'chai';
import { pinClock } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { aDenial, aForbiddenDenial } from '../support/denial.js';
import { anonymousRequest } from '../support/requests.js';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

describe(inMode('problemDetails(denial)'), () => {
  describe('for an unauthenticated denial', () => {
    it('is an RFC 9457 document: type, title, status as a number, detail, then errorcode and timestamp', () => {
      const res = problemDetails(aDenial());
      expect(JSON.stringify(res.body)).to.equal(
        '{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Unknown authentication scheme","errorcode":"AUTHENTICATION_REQUIRED","timestamp":"1764000000"}',
      );
    });

    it('is a 401 with the application/problem+json content type', () => {
      const res = problemDetails(aDenial());
      expect(res.status).to.equal(401);
      expect(res.headers).to.deep.equal({ 'content-type': PROBLEM_JSON });
    });
  });

  describe('for a forbidden denial', () => {
    it('is a 403 titled Forbidden', () => {
      const res = problemDetails(aForbiddenDenial());
      expect(res.status).to.equal(403);
      expect(res.body).to.include({
        title: 'Forbidden',
        status: 403,
        detail: 'Permission denied',
        errorcode: 'PERMISSION_DENIED',
      });
    });
  });

  describe('as a guard’s render option', () => {
    beforeEach(pinClock);

    it('answers an anonymous caller with the problem document and the denial headers', () => {
      const guarded = loginRequiredAjax({ render: problemDetails })((_req: object) => 'data');
      const res = guarded(anonymousRequest()) as JsonResponse;
      expect(res.status).to.equal(401);
      expect(res.headers).to.deep.equal({
        'content-type': PROBLEM_JSON,
        'cache-control': 'no-store',
        'www-authenticate': 'Session',
      });
      expect(res.body).to.include({ status: 401, timestamp: '1764000000', errorcode: 'AUTHENTICATION_REQUIRED' });
    });
  });

  describe('as the app-wide render setting', () => {
    beforeEach(pinClock);

    it('renders every guard’s denial', () => {
      const guarded = loginRequiredAjax()((_req: object) => 'data');
      configure({ render: problemDetails });
      const res = guarded(anonymousRequest()) as JsonResponse;
      expect(res.headers['content-type']).to.equal(PROBLEM_JSON);
      expect(res.body).to.include({ type: 'about:blank', title: 'Unauthorized' });
    });
  });
});
