import { type JsonResponse, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';

// The typing rules are checked when the specs compile (in both decorator
// modes): each @ts-expect-error fails the build if its error disappears.
const asyncCheck = async (req: { user?: unknown }): Promise<boolean> => req.user !== undefined;
const syncCheck = (req: { user?: unknown }): boolean => req.user !== undefined;

class Endpoints {
  @loginRequiredAjax({ isAuthenticated: asyncCheck })
  async load(_req: object): Promise<JsonResponse> {
    return jsonResponse('loaded');
  }

  @loginRequiredAjax({ isAuthenticated: syncCheck })
  list(_req: object): JsonResponse {
    return jsonResponse('listed');
  }

  @loginRequiredAjax({ isAuthenticated: syncCheck })
  async listLater(_req: object): Promise<JsonResponse> {
    return jsonResponse('listed later');
  }

  // @ts-expect-error: an async check on a method that does not return a Promise
  @loginRequiredAjax({ isAuthenticated: asyncCheck })
  count(_req: object): JsonResponse {
    return jsonResponse(3);
  }
}

describe(inMode('the types of a guard'), () => {
  describe('with an asynchronous check', () => {
    it('compile on a method that returns a Promise, which then returns a Promise', async () => {
      const pending = new Endpoints().load(anonymousRequest());
      expect(pending).to.be.instanceOf(Promise);
      expect((await pending).status).to.equal(401);
    });

    it('reject a method that returns no Promise, since the guarded call would return one', () => {
      // This is why the type error above exists: the declared JsonResponse would be a lie.
      expect(new Endpoints().count(signedInRequest())).to.be.instanceOf(Promise);
    });

    it('reject a plain function that returns no Promise, and accept an async one', async () => {
      // @ts-expect-error: an async check around a function that does not return a Promise
      loginRequiredAjax({ isAuthenticated: asyncCheck })((_req: object) => 'sync');
      const guarded = loginRequiredAjax({ isAuthenticated: asyncCheck })(async (_req: object) => 'async');
      const pending: Promise<string | JsonResponse> = guarded(signedInRequest());
      expect(await pending).to.equal('async');
    });
  });

  describe('with a synchronous check', () => {
    it('compile on a synchronous and on an async method alike', async () => {
      const endpoints = new Endpoints();
      expect(endpoints.list(signedInRequest()).body).to.equal('listed');
      expect((await endpoints.listLater(signedInRequest())).body).to.equal('listed later');
    });
  });

  describe('of a plain function wrapper', () => {
    it('returns the handler’s type or a JsonResponse, keeping the parameters', () => {
      const guarded = loginRequiredAjax()((_req: { user?: object }, page: number) => page * 2);
      const result: number | JsonResponse = guarded(signedInRequest(), 2);
      // @ts-expect-error: a denial is a JsonResponse, so the result is not just a number
      const doubled: number = guarded(signedInRequest(), 2);
      // @ts-expect-error: the parameters are kept
      guarded(signedInRequest(), 'two');
      expect([result, doubled]).to.deep.equal([4, 4]);
    });

    it('turns an async handler into one returning a Promise of its value or a JsonResponse', async () => {
      const guarded = loginRequiredAjax()(async (_req: object) => 'later');
      const pending: Promise<string | JsonResponse> = guarded(anonymousRequest());
      expect((await pending) as JsonResponse).to.have.property('status', 401);
    });
  });
});
