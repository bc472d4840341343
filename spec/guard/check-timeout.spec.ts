import { configure, type JsonResponse, loginRequiredAjax, permissionRequiredAjax, userPassesTestAjax } from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { fakeClockPerTest } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { never } from '../support/promises.js';
import { signedInRequest } from '../support/requests.js';

const signedIn = signedInRequest({ id: 1 });

describe(inMode('an asynchronous check that outlasts settings.checkTimeout'), () => {
  const fake = fakeClockPerTest();

  // Starts a guarded call; `at(ms)` lets time pass and reports whether it settled, and how.
  function start<T>(call: () => Promise<T>): (ms: number) => Promise<{ settled: boolean; value?: T }> {
    let outcome: { settled: boolean; value?: T } = { settled: false };
    void call().then((value) => {
      outcome = { settled: true, value };
    });
    return async (ms) => {
      await fake().tickAsync(ms);
      return outcome;
    };
  }
  const outcomeAfter = <T>(ms: number, call: () => Promise<T>) => start(call)(ms);

  describe('in loginRequiredAjax, after the default 10 seconds', () => {
    it('answers 503 JSON and never runs the handler', async () => {
      const handler = sinon.fake.resolves('ran');
      const guarded = loginRequiredAjax({ isAuthenticated: never })(handler);
      const wait = start(() => guarded(signedIn));
      expect((await wait(9_999)).settled).to.equal(false);
      const res = (await wait(1)).value as JsonResponse;
      expect(res.status).to.equal(503);
      expect(JSON.stringify(res.body)).to.equal(
        '{"status":"503","message":"Authentication check timed out","timestamp":"1764000010","errorcode":"CHECK_TIMEOUT"}',
      );
      expect(res.headers).to.deep.equal({
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'retry-after': '1',
      });
      expect(handler.called).to.equal(false);
    });
  });

  describe('with a configured timeout and error code', () => {
    it('answers after that many milliseconds, with that code', async () => {
      configure({ checkTimeout: 50, errorCodes: { timeout: 'E_SLOW' } });
      const guarded = loginRequiredAjax({ isAuthenticated: never })(async (_req: object) => 'ran');
      const { value } = await outcomeAfter(50, () => guarded(signedIn));
      expect((value as JsonResponse<{ errorcode: string }>).body.errorcode).to.equal('E_SLOW');
    });
  });

  describe('when the check settles in time', () => {
    it('decides on its answer and leaves no timer past the deadline', async () => {
      configure({ checkTimeout: 50 });
      const guarded = loginRequiredAjax({ isAuthenticated: async () => true })(async (_req: object) => 'ran');
      expect((await outcomeAfter(1, () => guarded(signedIn))).value).to.equal('ran');
      await fake().tickAsync(49);
      expect(fake().countTimers()).to.equal(0);
    });

    it('fails the call when the check rejects, and leaves no timer past the deadline', async () => {
      const guarded = loginRequiredAjax({ isAuthenticated: () => Promise.reject(new Error('store down')) })(
        async (_req: object) => 'ran',
      );
      let failure: unknown;
      await guarded(signedIn).catch((error: unknown) => {
        failure = error;
      });
      expect(failure).to.be.instanceOf(Error).with.property('message', 'store down');
      await fake().tickAsync(10_000);
      expect(fake().countTimers()).to.equal(0);
    });

    it('fails the call when the refusal cannot be rendered', async () => {
      const render = () => ({ not: 'a response' }) as unknown as JsonResponse;
      const guarded = loginRequiredAjax({ isAuthenticated: async () => false, render })(async (_req: object) => 'ran');
      let failure: unknown;
      await guarded({}).catch((error: unknown) => {
        failure = error;
      });
      expect(failure).to.be.instanceOf(TypeError);
    });
  });

  describe('when the 503 cannot be built', () => {
    it('fails the call with the error of the clock, and never runs the handler', async () => {
      configure({
        checkTimeout: 20,
        clock: () => {
          throw new Error('clock down');
        },
      });
      const handler = sinon.fake.resolves('ran');
      const guarded = loginRequiredAjax({ isAuthenticated: never })(handler);
      let failure: unknown;
      void guarded(signedIn).catch((error: unknown) => {
        failure = error;
      });
      await fake().tickAsync(20);
      expect(failure).to.be.instanceOf(Error).with.property('message', 'clock down');
      expect(handler.called).to.equal(false);
    });
  });

  describe('in permissionRequiredAjax and userPassesTestAjax', () => {
    it('answers 503 when the permission check never settles', async () => {
      configure({ checkTimeout: 20 });
      const guarded = permissionRequiredAjax('items.delete', { hasPermission: never })(async (_req: object) => 'ran');
      expect(((await outcomeAfter(20, () => guarded(signedIn))).value as JsonResponse).status).to.equal(503);
    });

    it('answers 503 when the user test never settles', async () => {
      configure({ checkTimeout: 20 });
      const guarded = userPassesTestAjax(never)(async (_req: object) => 'ran');
      expect(((await outcomeAfter(20, () => guarded(signedIn))).value as JsonResponse).status).to.equal(503);
    });
  });
});

describe(inMode('configure({ checkTimeout })'), () => {
  for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2_147_483_648, '100', null]) {
    it(`refuses ${String(bad)} with a TypeError naming the setting`, () => {
      expect(() => configure({ checkTimeout: bad as number })).to.throw(TypeError, /settings\.checkTimeout/);
    });
  }

  it('accepts a whole number of milliseconds', () => {
    configure({ checkTimeout: 250 });
    expect(configure({}).checkTimeout).to.equal(250);
  });
});
