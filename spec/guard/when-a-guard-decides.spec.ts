import { configure, type JsonResponse, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { inMode } from '../support/decorator-mode.js';
import { rejectionOf } from '../support/promises.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';

const handlerCalls = sinon.spy();
const syncCheck = (req: { user?: unknown }): boolean => req.user !== undefined;
const asyncCheck = async (req: { user?: unknown }): Promise<boolean> => req.user !== undefined;

class Endpoints {
  @loginRequiredAjax()
  syncHandler(req: object): JsonResponse {
    handlerCalls(req);
    return jsonResponse('sync');
  }

  @loginRequiredAjax()
  async asyncHandler(req: object): Promise<JsonResponse> {
    handlerCalls(req);
    return jsonResponse('async');
  }

  @loginRequiredAjax({ isAuthenticated: asyncCheck })
  async checkedAsync(req: object): Promise<JsonResponse> {
    handlerCalls(req);
    return jsonResponse('checked async');
  }
}

/** A guard around a handler spy, with `check` as its isAuthenticated option. */
function guardedSpy(check: (req: any) => unknown) {
  const handler = sinon.spy((_req: object) => 'data');
  const guarded = loginRequiredAjax({ isAuthenticated: check as (req: any) => boolean })(handler);
  return { handler, guarded };
}

describe(inMode('when a guard decides'), () => {
  afterEach(() => handlerCalls.resetHistory());

  describe('with a synchronous check and a synchronous handler', () => {
    it('returns the handler’s result synchronously, not a Promise', () => {
      const res = new Endpoints().syncHandler(signedInRequest());
      expect(res).not.to.be.instanceOf(Promise);
      expect(res.body).to.equal('sync');
    });

    it('returns the refusal synchronously, not a Promise', () => {
      const res = new Endpoints().syncHandler(anonymousRequest());
      expect(res).not.to.be.instanceOf(Promise);
      expect(res.status).to.equal(401);
    });

    it('stays synchronous with a synchronous check of its own, as a plain function wrapper too', () => {
      const guarded = loginRequiredAjax({ isAuthenticated: syncCheck })((_req: object) => 'data');
      expect(guarded(signedInRequest())).to.equal('data');
      expect(guarded(anonymousRequest())).to.have.property('status', 401);
    });
  });

  const asyncPaths = {
    'an asynchronous handler': (endpoints: Endpoints) => endpoints.asyncHandler.bind(endpoints),
    'an asynchronous check': (endpoints: Endpoints) => endpoints.checkedAsync.bind(endpoints),
  };
  for (const [what, method] of Object.entries(asyncPaths)) {
    describe(`with ${what}`, () => {
      it('returns a Promise of the handler’s result when the caller is signed in', async () => {
        const pending = method(new Endpoints())(signedInRequest());
        expect(pending).to.be.instanceOf(Promise);
        expect((await pending).body).to.match(/async/);
        expect(handlerCalls.calledOnce).to.equal(true);
      });

      it('returns a Promise of the refusal too, without calling the handler', async () => {
        const pending = method(new Endpoints())(anonymousRequest());
        expect(pending).to.be.instanceOf(Promise);
        expect((await pending).status).to.equal(401);
        expect(handlerCalls.called).to.equal(false);
      });
    });
  }

  describe('with an asynchronous check', () => {
    it('lets through only a Promise of exactly true', async () => {
      for (const answer of [1, 'true', {}, undefined]) {
        const { handler, guarded } = guardedSpy(async () => answer);
        expect(await guarded(signedInRequest())).to.have.property('status', 401);
        expect(handler.called).to.equal(false);
      }
    });

    it('awaits any thenable, not only a native Promise', async () => {
      // biome-ignore lint/suspicious/noThenProperty: a thenable that is no Promise is the point here
      const { guarded } = guardedSpy(() => ({ then: (resolve: (value: boolean) => void) => resolve(true) }));
      const pending = guarded(signedInRequest());
      expect(pending).to.be.instanceOf(Promise);
      expect(await pending).to.equal('data');
    });
  });

  describe('with an asynchronous app-wide check', () => {
    it('makes every guarded call return a Promise, even on a synchronous handler', async () => {
      configure({ isAuthenticated: asyncCheck });
      const endpoints = new Endpoints();
      const allowed = endpoints.syncHandler(signedInRequest()) as unknown;
      const refused = endpoints.syncHandler(anonymousRequest()) as unknown;
      expect(allowed).to.be.instanceOf(Promise);
      expect(refused).to.be.instanceOf(Promise);
      expect(await allowed).to.have.property('body', 'sync');
      expect(await refused).to.have.property('status', 401);
    });
  });

  describe('with a check that does not answer exactly true', () => {
    for (const answer of [false, 1, 'true', {}, null, undefined]) {
      it(`refuses on ${JSON.stringify(answer) ?? 'undefined'} without calling the handler`, () => {
        const { handler, guarded } = guardedSpy(() => answer);
        expect(guarded(signedInRequest())).to.have.property('status', 401);
        expect(handler.called).to.equal(false);
      });
    }
  });

  describe('with a check that fails (fail closed)', () => {
    it('throws its error when it throws, and never calls the handler', () => {
      const { handler, guarded } = guardedSpy(() => {
        throw new Error('session store down');
      });
      expect(() => guarded(signedInRequest())).to.throw(Error, 'session store down');
      expect(handler.called).to.equal(false);
    });

    it('rejects with its error when it rejects, and never calls the handler', async () => {
      const { handler, guarded } = guardedSpy(() => Promise.reject(new Error('token service down')));
      expect(await rejectionOf(guarded(signedInRequest()))).to.have.property('message', 'token service down');
      expect(handler.called).to.equal(false);
    });

    it('throws when an app-wide check throws', () => {
      configure({
        isAuthenticated: () => {
          throw new Error('app check down');
        },
      });
      expect(() => new Endpoints().syncHandler(signedInRequest())).to.throw(Error, 'app check down');
      expect(handlerCalls.called).to.equal(false);
    });
  });
});
