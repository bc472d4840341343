import { EventEmitter, once } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { configure, type JsonResponse, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { CALLERS, callerOf, credentialsOf, disconnected } from '../support/callers.js';
import { pinClock } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { FRAMEWORKS } from '../support/frameworks.js';
import { call } from '../support/http-client.js';
import type { RunningServer } from '../support/http-server.js';
import { rejectionOf, unhandledRejections, within } from '../support/promises.js';

// Which handlers ran, and when the routes below reach each step.
const ran = new Set<string>();
const steps = new EventEmitter();

// The client is gone by the time each of these decides: whatever the server
// then writes goes to a closed connection.
async function checkOnceGone(request: object, step: string, verdict: () => boolean): Promise<boolean> {
  steps.emit(`${step}: arrived`);
  await disconnected(request);
  try {
    return verdict();
  } finally {
    steps.emit(`${step}: decided`);
  }
}

const answer = (name: string): JsonResponse => {
  ran.add(name);
  steps.emit(`${name}: answered`);
  return jsonResponse({ reached: name });
};

class Faulty {
  @loginRequiredAjax({
    isAuthenticated: () => {
      throw new Error('the check threw');
    },
  })
  throwingCheck(_request: object): JsonResponse {
    return answer('throwingCheck');
  }

  @loginRequiredAjax({ isAuthenticated: () => Promise.reject(new Error('the check rejected')) })
  async rejectingCheck(_request: object): Promise<JsonResponse> {
    return answer('rejectingCheck');
  }

  @loginRequiredAjax({ isAuthenticated: () => new Promise<boolean>(() => {}) })
  async neverChecked(_request: object): Promise<JsonResponse> {
    return answer('neverChecked');
  }

  @loginRequiredAjax({ isAuthenticated: (request) => checkOnceGone(request, 'allowedOnceGone', () => true) })
  async allowedOnceGone(_request: object): Promise<JsonResponse> {
    return answer('allowedOnceGone');
  }

  @loginRequiredAjax({ isAuthenticated: (request) => checkOnceGone(request, 'refusedOnceGone', () => false) })
  async refusedOnceGone(_request: object): Promise<JsonResponse> {
    return answer('refusedOnceGone');
  }

  @loginRequiredAjax({
    isAuthenticated: (request) =>
      checkOnceGone(request, 'failedOnceGone', () => {
        throw new Error('the check failed after the client left');
      }),
  })
  async failedOnceGone(_request: object): Promise<JsonResponse> {
    return answer('failedOnceGone');
  }

  // A synchronous check that passes a signed-in caller, on every framework (a Fetch Request has no user).
  @loginRequiredAjax({ isAuthenticated: (request) => callerOf(request) !== undefined })
  async handledOnceGone(request: object): Promise<JsonResponse> {
    steps.emit('handledOnceGone: arrived');
    await disconnected(request);
    return answer('handledOnceGone');
  }
}

const CHECK_TIMEOUT_503 =
  '{"status":"503","message":"Authentication check timed out","timestamp":"1764000000","errorcode":"CHECK_TIMEOUT"}';

// What the client-gone routes do last, once the client has gone.
const LAST_STEP = {
  '/allowed-once-gone': 'allowedOnceGone: answered',
  '/refused-once-gone': 'refusedOnceGone: decided',
  '/failed-once-gone': 'failedOnceGone: decided',
  '/handled-once-gone': 'handledOnceGone: answered',
} as const;

describe(inMode('faults, over real HTTP'), () => {
  const unhandled = unhandledRejections();
  beforeEach(() => {
    ran.clear();
    // The Fetch runtime logs the failures these tests cause on purpose.
    sinon.stub(console, 'error');
    sinon.stub(console, 'info');
  });

  for (const framework of FRAMEWORKS) {
    describe(`through ${framework.name}`, () => {
      let server: RunningServer;
      before(async () => {
        const faulty = new Faulty();
        server = await framework.start({
          '/ok': () => ({ ok: true }),
          '/throwing-check': (request) => faulty.throwingCheck(request),
          '/rejecting-check': (request) => faulty.rejectingCheck(request),
          '/never-settles': (request) => faulty.neverChecked(request),
          '/allowed-once-gone': (request) => faulty.allowedOnceGone(request),
          '/refused-once-gone': (request) => faulty.refusedOnceGone(request),
          '/failed-once-gone': (request) => faulty.failedOnceGone(request),
          '/handled-once-gone': (request) => faulty.handledOnceGone(request),
          ...framework.partialWrites,
        });
      });
      after(() => server.close());

      // The server answers the next request, and nothing was left to reject unhandled.
      async function expectStillServing(): Promise<void> {
        const { status, body } = await call(`${server.url}/ok`);
        expect([status, body]).to.deep.equal([200, '{"ok":true}']);
        await nextTurn();
        expect(unhandled, 'unhandled rejections').to.deep.equal([]);
      }

      for (const [path, name, how] of [
        ['/throwing-check', 'throwingCheck', 'throws'],
        ['/rejecting-check', 'rejectingCheck', 'rejects'],
      ] as const) {
        describe(`when the authentication check ${how}`, () => {
          it("answers through the framework's error path (500), never runs the handler, and keeps serving", async () => {
            const { status } = await call(`${server.url}${path}`, { headers: credentialsOf(CALLERS[0]) });
            expect(status).to.equal(500);
            expect(ran.has(name), 'the handler ran').to.equal(false);
            await expectStillServing();
          });
        });
      }

      describe('when the authentication check never settles', () => {
        beforeEach(() => {
          pinClock();
          configure({ checkTimeout: 50 });
        });

        it('answers the 503 of settings.checkTimeout, never runs the handler, and keeps serving', async () => {
          const { status, headers, body } = await call(`${server.url}/never-settles`, { headers: credentialsOf(CALLERS[0]) });
          expect(status).to.equal(503);
          expect(body).to.equal(CHECK_TIMEOUT_503);
          expect(headers.get('content-type')).to.equal('application/json; charset=utf-8');
          expect(headers.get('cache-control')).to.equal('no-store');
          expect(headers.get('retry-after')).to.equal('1');
          expect(ran.has('neverChecked'), 'the handler ran').to.equal(false);
          await expectStillServing();
        });
      });

      for (const path of Object.keys(framework.partialWrites)) {
        describe(`when the handler fails after a partial write (${path.slice(1)})`, () => {
          it('ends the connection, so the client is not left waiting, and keeps serving', async () => {
            // A TypeError is a cut connection; the client's own timeout would be a DOMException.
            expect(await rejectionOf(call(`${server.url}${path}`))).to.be.instanceOf(TypeError);
            await expectStillServing();
          });
        });
      }

      for (const [path, last] of Object.entries(LAST_STEP)) {
        const [name] = last.split(':') as [string];
        describe(`when the client disconnects while ${name.startsWith('handled') ? 'the handler' : 'the check'} is pending (${path.slice(1)})`, () => {
          it('writes to the closed connection without a crash or an unhandled rejection, and keeps serving', async () => {
            const client = new AbortController();
            const arrived = once(steps, `${name}: arrived`);
            const finished = once(steps, last);
            const pending = fetch(`${server.url}${path}`, {
              headers: credentialsOf(CALLERS[0]),
              signal: AbortSignal.any([client.signal, AbortSignal.timeout(5000)]),
            });
            await within(arrived, `${path} reaching the guard`);
            client.abort();
            expect(await rejectionOf(pending)).to.have.property('name', 'AbortError');
            await within(finished, `${path} deciding once the client had gone`);
            await expectStillServing();
          });
        });
      }
    });
  }
});
