import v8 from 'node:v8';
import vm from 'node:vm';
import { configure, type JsonResponse, loginRequiredAjax, permissionRequiredAjax, userPassesTestAjax } from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { fakeClockPerTest } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { later, never } from '../support/promises.js';
import { signedInRequest } from '../support/requests.js';

const signedIn = signedInRequest({ id: 1 });

describe(inMode('the shared deadline of asynchronous checks'), () => {
  const fake = fakeClockPerTest();

  // Starts a guarded call and returns what it has answered so far, by status.
  function started(call: () => Promise<unknown>): () => number | 'pending' | 'failed' {
    let outcome: number | 'pending' | 'failed' = 'pending';
    call().then(
      (value) => {
        outcome = (value as JsonResponse).status ?? 200;
      },
      () => {
        outcome = 'failed';
      },
    );
    return () => outcome;
  }

  describe('for checks that never settle', () => {
    it('answers each with its 503 at its own checkTimeout, however many are pending', async () => {
      configure({ checkTimeout: 50 });
      const guarded = loginRequiredAjax({ isAuthenticated: never })(async (_req: object) => 'ran');
      const first = started(() => guarded(signedIn));
      await fake().tickAsync(30);
      const second = started(() => guarded(signedIn));
      await fake().tickAsync(19);
      expect([first(), second()]).to.deep.equal(['pending', 'pending']);
      await fake().tickAsync(1);
      expect([first(), second()]).to.deep.equal([503, 'pending']);
      await fake().tickAsync(29);
      expect(second()).to.equal('pending');
      await fake().tickAsync(1);
      expect(second()).to.equal(503);
    });

    it('answers a shorter checkTimeout on time while checks of a longer one are pending', async () => {
      configure({ checkTimeout: 1_000 });
      const guarded = loginRequiredAjax({ isAuthenticated: never })(async (_req: object) => 'ran');
      const slow = started(() => guarded(signedIn));
      configure({ checkTimeout: 50 });
      const fast = started(() => guarded(signedIn));
      await fake().tickAsync(50);
      expect([slow(), fast()]).to.deep.equal(['pending', 503]);
      await fake().tickAsync(950);
      expect(slow()).to.equal(503);
    });

    it('keeps one timer for any number of pending checks, and none once they have all answered', async () => {
      configure({ checkTimeout: 50 });
      const guarded = loginRequiredAjax({ isAuthenticated: never })(async (_req: object) => 'ran');
      const calls = Array.from({ length: 100 }, () => started(() => guarded(signedIn)));
      await fake().tickAsync(0);
      expect(fake().countTimers()).to.equal(1);
      await fake().tickAsync(50);
      expect(new Set(calls.map((outcome) => outcome()))).to.deep.equal(new Set([503]));
      expect(fake().countTimers()).to.equal(0);
    });
  });

  describe('for checks that settle within their turn', () => {
    it('arm one timer for all of them, which stops at its deadline with nothing to answer', async () => {
      configure({ checkTimeout: 50 });
      const setTimer = sinon.spy(globalThis, 'setTimeout');
      const guarded = loginRequiredAjax({ isAuthenticated: async () => true })(async (_req: object) => 'ran');
      try {
        const answers = await Promise.all(Array.from({ length: 100 }, () => guarded(signedIn)));
        expect(new Set(answers)).to.deep.equal(new Set(['ran']));
        expect(await guarded(signedIn)).to.equal('ran');
        expect([setTimer.callCount, fake().countTimers()]).to.deep.equal([1, 1]);
      } finally {
        setTimer.restore();
      }
      await fake().tickAsync(50);
      expect(fake().countTimers()).to.equal(0);
    });
  });

  describe('for a shorter check that settles within its turn while a longer one is pending', () => {
    it('answers the longer one at its own deadline, with one timer at a time', async () => {
      configure({ checkTimeout: 1_000 });
      const slow = started(() => loginRequiredAjax({ isAuthenticated: never })(async (_req: object) => 'ran')(signedIn));
      await fake().tickAsync(0);
      configure({ checkTimeout: 50 });
      const quick = loginRequiredAjax({ isAuthenticated: async () => true })(async (_req: object) => 'ran');
      expect(await quick(signedIn)).to.equal('ran');
      expect(fake().countTimers()).to.equal(1);
      await fake().tickAsync(999);
      expect([slow(), fake().countTimers()]).to.deep.equal(['pending', 1]);
      await fake().tickAsync(1);
      expect([slow(), fake().countTimers()]).to.deep.equal([503, 0]);
    });
  });

  describe('for a check that settles after its 503', () => {
    beforeEach(() => configure({ checkTimeout: 50 }));

    it('runs no permission check and no handler when authentication answers late', async () => {
      const authenticated = later<boolean>();
      const hasPermission = sinon.fake.returns(true);
      const handler = sinon.fake.resolves('ran');
      const guarded = permissionRequiredAjax('items.delete', {
        isAuthenticated: () => authenticated.promise,
        hasPermission,
      })(handler);
      const outcome = started(() => guarded(signedIn));
      await fake().tickAsync(50);
      expect(outcome()).to.equal(503);
      authenticated.give(true);
      await fake().tickAsync(10);
      expect([hasPermission.called, handler.called]).to.deep.equal([false, false]);
    });

    it('runs no user test when authentication answers late', async () => {
      const authenticated = later<boolean>();
      const test = sinon.fake.returns(true);
      const guarded = userPassesTestAjax(test, { isAuthenticated: () => authenticated.promise })(async (_req: object) => 'ran');
      const outcome = started(() => guarded(signedIn));
      await fake().tickAsync(50);
      authenticated.give(true);
      await fake().tickAsync(10);
      expect([outcome(), test.called]).to.deep.equal([503, false]);
    });

    it('runs no handler when the permission check answers late, and ignores a late rejection', async () => {
      const granted = later<boolean>();
      const failing = later<boolean>();
      const handler = sinon.fake.resolves('ran');
      const allowed = permissionRequiredAjax('items.delete', { hasPermission: () => granted.promise })(handler);
      const refused = permissionRequiredAjax('items.delete', { hasPermission: () => failing.promise })(handler);
      const outcomes = [started(() => allowed(signedIn)), started(() => refused(signedIn))];
      await fake().tickAsync(50);
      granted.give(true);
      failing.fail(new Error('the permission service failed late'));
      await fake().tickAsync(10);
      expect([...outcomes.map((outcome) => outcome()), handler.called]).to.deep.equal([503, 503, false]);
    });
  });
});

describe(inMode('the shared deadline, on real timers'), () => {
  it('answers a check that never settles no sooner than checkTimeout, and soon after it', async () => {
    configure({ checkTimeout: 40 });
    const guarded = loginRequiredAjax({ isAuthenticated: never })(async (_req: object) => 'ran');
    const started = performance.now();
    const answer = (await guarded(signedIn)) as JsonResponse;
    const elapsed = performance.now() - started;
    expect(answer.status).to.equal(503);
    // Timers fire on whole milliseconds; the slack upward is for a loaded machine.
    expect(elapsed)
      .to.be.at.least(39)
      .and.below(40 + 500);
  });
});

describe(inMode('the queue of pending checks, while one is stuck'), () => {
  // A full collection on demand, without starting node with --expose-gc.
  v8.setFlagsFromString('--expose-gc');
  const collectGarbage = vm.runInNewContext('gc') as () => void;
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it('keeps nothing of a check that settled behind it: its request can be collected at once', async () => {
    configure({ checkTimeout: 10_000 });
    const stuck = later<boolean>();
    const slow = loginRequiredAjax({ isAuthenticated: () => stuck.promise })(async (_req: object) => 'ran');
    const quick = loginRequiredAjax({ isAuthenticated: async () => true })(async (_req: object) => 'ran');
    const held = slow(signedIn);
    let request: object | undefined = signedInRequest({ id: 2 });
    const settledRequest = new WeakRef(request);
    expect(await quick(request)).to.equal('ran');
    request = undefined;
    // A WeakRef keeps its target alive until the turn that made or read it has ended.
    await nextTurn();
    collectGarbage();
    expect(settledRequest.deref()).to.equal(undefined);
    stuck.give(true);
    expect(await held).to.equal('ran');
  });
});

describe(inMode('the shared deadline, under a fake-timer library that replaces the performance global'), () => {
  // What such a library does: it swaps setTimeout, clearTimeout and the
  // performance global together, and leaves Node's own performance object
  // as it was. Due timers run when the test moves the clock.
  let fakeNow = 0;
  let due: { at: number; run: () => void }[] = [];
  const fakeTimers = {
    setTimeout: (run: () => void, ms: number) => {
      const timer = { at: fakeNow + ms, run, unref: () => timer };
      due.push(timer);
      return timer;
    },
    clearTimeout: (timer: unknown) => {
      due = due.filter((entry) => entry !== timer);
    },
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  async function advance(ms: number): Promise<void> {
    fakeNow += ms;
    for (
      let next = due.find((timer) => timer.at <= fakeNow);
      next !== undefined;
      next = due.find((timer) => timer.at <= fakeNow)
    ) {
      due = due.filter((timer) => timer !== next);
      next.run();
      await settle();
    }
    await settle();
  }

  const real = {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    performance: Object.getOwnPropertyDescriptor(globalThis, 'performance') as PropertyDescriptor,
  };
  beforeEach(() => {
    fakeNow = 0;
    due = [];
    Object.assign(globalThis, fakeTimers);
    Object.defineProperty(globalThis, 'performance', { configurable: true, writable: true, value: { now: () => fakeNow } });
  });
  afterEach(() => {
    Object.assign(globalThis, { setTimeout: real.setTimeout, clearTimeout: real.clearTimeout });
    Object.defineProperty(globalThis, 'performance', real.performance);
  });

  it("dates each check's deadline on the clock that came with the timers", async () => {
    configure({ checkTimeout: 50 });
    const outcomes: unknown[] = [];
    const guarded = loginRequiredAjax({ isAuthenticated: never })(async (_req: object) => 'ran');
    void guarded(signedIn).then((answer) => outcomes.push(['first', (answer as JsonResponse).status]));
    await advance(30);
    void guarded(signedIn).then((answer) => outcomes.push(['second', (answer as JsonResponse).status]));
    await advance(20);
    expect(outcomes).to.deep.equal([['first', 503]]);
    await advance(29);
    expect(outcomes).to.deep.equal([['first', 503]]);
    await advance(1);
    expect(outcomes).to.deep.equal([
      ['first', 503],
      ['second', 503],
    ]);
  });
});
