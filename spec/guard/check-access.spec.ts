import { checkAccess, type JsonResponse, loginRequired, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { expectDefault401 } from '../support/default-refusal.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';

// What every guard shares (sync verdicts, the TypeError) is in the guard suite;
// here, what depends on how a check answers.
describe(inMode('checkAccess(guard, request)'), () => {
  describe('with an asynchronous check', () => {
    const guard = loginRequiredAjax({ isAuthenticated: async (request: { user?: unknown }) => request.user !== undefined });

    it('is a Promise of undefined when the request may pass', async () => {
      const verdict = checkAccess(guard, signedInRequest());
      expect(verdict).to.be.instanceOf(Promise);
      expect(await verdict).to.equal(undefined);
    });

    it('is a Promise of the refusal when it may not', async () => {
      expectDefault401((await checkAccess(guard, anonymousRequest())) as JsonResponse);
    });
  });

  describe('when the check throws', () => {
    it('throws, so that nothing passes', () => {
      const guard = loginRequiredAjax({
        isAuthenticated: () => {
          throw new Error('session store down');
        },
      });
      expect(() => checkAccess(guard, signedInRequest())).to.throw(Error, 'session store down');
    });
  });

  describe("with loginRequired and a browser's navigation", () => {
    it('is the redirect to the login page', () => {
      const browser = { headers: { accept: 'text/html' }, url: '/account' };
      expect(checkAccess(loginRequired({ loginUrl: '/login' }), browser)).to.include({ status: 302 });
    });
  });

  describe('given the guard factory itself, without its parentheses', () => {
    it('is a TypeError that says what it expected', () => {
      expect(() => checkAccess(loginRequiredAjax, anonymousRequest())).to.throw(TypeError, /^checkAccess: expected a guard/);
    });
  });
});
