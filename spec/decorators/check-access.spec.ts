import {
  checkAccess,
  type JsonResponse,
  loginRequired,
  loginRequiredAjax,
  permissionRequiredAjax,
  userPassesTestAjax,
} from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';
import { expectSeed401 } from '../support/seed-refusal.js';

const staff = { id: 1, name: 'alice', isStaff: true, hasPerm: (perm: string) => perm === 'items.delete' };

describe(inMode('checkAccess(guard, request)'), () => {
  describe('with synchronous checks', () => {
    it('is undefined, synchronously, when the request may pass', () => {
      expect(checkAccess(loginRequiredAjax(), signedInRequest())).to.equal(undefined);
    });

    it("is the guard's refusal, synchronously, when it may not", () => {
      expectSeed401(checkAccess(loginRequiredAjax(), anonymousRequest()) as JsonResponse);
    });

    it("answers each guard's own refusal", () => {
      const denied = checkAccess(permissionRequiredAjax('items.delete'), signedInRequest()) as JsonResponse;
      expect(denied.status).to.equal(403);
      expect(checkAccess(permissionRequiredAjax('items.delete'), signedInRequest(staff))).to.equal(undefined);
      expect(
        checkAccess(
          userPassesTestAjax((user: { isStaff?: boolean }) => user.isStaff === true),
          signedInRequest(staff),
        ),
      ).to.equal(undefined);
      const browser = { headers: { accept: 'text/html' }, url: '/account' };
      expect(checkAccess(loginRequired({ loginUrl: '/login' }), browser)).to.include({ status: 302 });
    });
  });

  describe('with an asynchronous check', () => {
    const guard = loginRequiredAjax({ isAuthenticated: async (request: { user?: unknown }) => request.user !== undefined });

    it('is a Promise of undefined when the request may pass', async () => {
      const verdict = checkAccess(guard, signedInRequest());
      expect(verdict).to.be.instanceOf(Promise);
      expect(await verdict).to.equal(undefined);
    });

    it('is a Promise of the refusal when it may not', async () => {
      expectSeed401((await checkAccess(guard, anonymousRequest())) as JsonResponse);
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

  describe('given something that is not a guard', () => {
    for (const [what, value] of [
      ['the guard factory itself', loginRequiredAjax],
      ['another function', (fn: unknown) => fn],
      ['undefined', undefined],
      ['a plain object', { gate: () => undefined }],
    ] as const) {
      it(`is a TypeError naming checkAccess for ${what}`, () => {
        expect(() => checkAccess(value as never, anonymousRequest())).to.throw(TypeError, /^checkAccess: expected a guard/);
      });
    }
  });
});
