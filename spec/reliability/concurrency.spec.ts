import { type JsonResponse, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import { CALLERS, type Caller, callerOf, credentialsOf, headerOf, jitter } from '../support/callers.js';
import { DEFAULT_401_JSON, pinClock } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { FRAMEWORKS } from '../support/frameworks.js';
import { call } from '../support/http-client.js';
import type { RunningServer } from '../support/http-server.js';

const REQUESTS = 300;

// Decides after a random delay, so that hundreds of checks in flight settle out of order.
async function checkLater(request: unknown): Promise<boolean> {
  await jitter();
  return callerOf(request) !== undefined;
}

class Echo {
  /** Who the guard let in, and which request this was: each caller must get back its own. */
  @loginRequiredAjax({ isAuthenticated: checkLater })
  async me(request: object): Promise<JsonResponse> {
    await jitter();
    return jsonResponse({ id: callerOf(request)?.id, request: headerOf(request, 'x-request-id') });
  }
}

// Signed-in users and anonymous callers in turn: 5 users, then one anonymous, over and over.
const callerAt = (i: number): Caller | undefined => CALLERS[i % (CALLERS.length + 1)];

describe(inMode('hundreds of concurrent callers'), () => {
  for (const framework of FRAMEWORKS) {
    describe(`through ${framework.name}, with an async check of random delay`, () => {
      let server: RunningServer;
      before(async () => {
        const echo = new Echo();
        server = await framework.start({ '/me': (request) => echo.me(request) });
      });
      beforeEach(() => pinClock());
      after(() => server.close());

      it('answers each caller for itself: its own id and request to a signed-in user, the 401 to an anonymous one', async () => {
        const plan = Array.from({ length: REQUESTS }, (_, i) => callerAt(i));
        const answers = await Promise.all(
          plan.map((caller, i) => call(`${server.url}/me`, { headers: { ...credentialsOf(caller), 'x-request-id': String(i) } })),
        );
        const wrong = answers.flatMap(({ status, body }, i) => {
          const caller = plan[i];
          const expected =
            caller === undefined ? [401, DEFAULT_401_JSON] : [200, JSON.stringify({ id: caller.id, request: String(i) })];
          return status === expected[0] && body === expected[1]
            ? []
            : [`#${i} (${caller?.name ?? 'anonymous'}): ${status} ${body}`];
        });
        expect(wrong).to.deep.equal([]);
      });
    });
  }
});
