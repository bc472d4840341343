import { configure, type GuardDecorator, loginRequired, loginRequiredAjax, type SettingsInput } from 'ajax-guard';
import { requestHeader } from 'ajax-guard/adapter';
import { expect } from 'chai';
import { APP_ERROR_STATUS, appErrorBody } from './account-controller.js';
import { CALLERS, callerFor, credentialsOf } from './callers.js';
import { DEFAULT_401_JSON, PINNED_NOW_MS } from './clock.js';
import { type Answer, call } from './http-client.js';
import type { RunningServer } from './http-server.js';
import { rawRequest } from './raw-request.js';

// What a browser sends on a navigation; fetch cannot send it (it always says `Sec-Fetch-Mode: cors`).
const NAVIGATION = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'sec-fetch-mode': 'navigate' };
const LOGIN_VARY = 'Accept, X-Requested-With, Sec-Fetch-Mode, HX-Request';

/** How the middleware suite drives one framework's test app. */
export interface MiddlewareHarness {
  /**
   * Starts an app on loopback that signs in the caller a `Bearer token-N`
   * header names (see `callers.ts`) the framework's own way, puts
   * `toMiddleware(guard)` in front of every `/private/*` route, answers
   * `GET /private/data` and `GET /public` through the framework itself with
   * `{"reached":"<path>"}` and an `x-route: native` header, and whose error
   * handler answers `APP_ERROR_STATUS` with `appErrorBody(error)`. Where
   * `appSetsVary`, the app first sets `Vary: Origin` on every response, as
   * CORS middleware does.
   */
  start(guard: GuardDecorator<any>): Promise<RunningServer>;
  /** Whether the app sets `Vary: Origin` before the guard runs (a Fetch handler has no response yet to set it on). */
  readonly appSetsVary: boolean;
  /** App-wide settings the app runs with (a Fetch app's own check), applied before each test. */
  readonly settings?: SettingsInput;
  /** The adapter's `toMiddleware`. */
  readonly toMiddleware: (guard: any) => unknown;
}

const SIGNED_IN = credentialsOf(CALLERS[0]);

// A check that reads the caller from the request through the library's own
// header reader: the same on every framework's request (and Hono's Context).
const hasToken = (request: unknown): boolean => callerFor(requestHeader(request, 'authorization')) !== undefined;

/** Starts an app behind `guard` for the enclosing describe, with the denial clock pinned, and stops it after. */
function behind(harness: MiddlewareHarness, guard: () => GuardDecorator<any>): () => RunningServer {
  let server: RunningServer | undefined;
  before(async () => {
    server = await harness.start(guard());
  });
  // The root hooks restore the settings after each test.
  beforeEach(() => configure({ ...harness.settings, clock: () => PINNED_NOW_MS }));
  after(async () => {
    await server?.close();
  });
  return () => server as RunningServer;
}

/** What each harness's native routes answer for `path`, through the framework itself. */
export const reachedBody = (path: string): { reached: string } => ({ reached: path });

function expectReached({ status, headers, body }: Answer, path: string): void {
  expect([status, body, headers.get('x-route')]).to.deep.equal([200, JSON.stringify(reachedBody(path)), 'native']);
}

/**
 * `toMiddleware(guard)`: a refusal written as `toHandler` writes it, an
 * allowed request passed on untouched, errors on the framework's own path.
 */
export function describeMiddleware(title: string, harness: MiddlewareHarness): void {
  describe(title, () => {
    describe('with loginRequiredAjax() and the default check', () => {
      const server = behind(harness, () => loginRequiredAjax());

      it('answers an anonymous caller the default 401 byte for byte, and the route does not run', async () => {
        const { status, headers, body } = await call(`${server().url}/private/data`);
        expect([status, body]).to.deep.equal([401, DEFAULT_401_JSON]);
        expect(headers.get('content-type')).to.equal('application/json; charset=utf-8');
        expect(headers.get('cache-control')).to.equal('no-store');
        expect(headers.get('www-authenticate')).to.equal('Session');
        expect(headers.get('content-length')).to.equal(String(DEFAULT_401_JSON.length));
        expect(headers.get('x-route')).to.equal(null);
      });

      it('passes a signed-in request on to the route, which answers it', async () => {
        expectReached(await call(`${server().url}/private/data`, { headers: SIGNED_IN }), '/private/data');
      });

      it('leaves the routes it does not guard alone', async () => {
        expectReached(await call(`${server().url}/public`), '/public');
      });
    });

    describe('with an asynchronous check', () => {
      const server = behind(harness, () => loginRequiredAjax({ isAuthenticated: async (request) => hasToken(request) }));

      it('refuses an anonymous caller once the check has settled', async () => {
        const { status, body } = await call(`${server().url}/private/data`);
        expect([status, body]).to.deep.equal([401, DEFAULT_401_JSON]);
      });

      it('passes a signed-in request on', async () => {
        expectReached(await call(`${server().url}/private/data`, { headers: SIGNED_IN }), '/private/data');
      });
    });

    describe('when the check throws', () => {
      const server = behind(harness, () =>
        loginRequiredAjax({
          isAuthenticated: () => {
            throw new Error('check failed');
          },
        }),
      );

      it("reaches the app's error handler, and the route does not run", async () => {
        const { status, body } = await call(`${server().url}/private/data`, { headers: SIGNED_IN });
        expect(status).to.equal(APP_ERROR_STATUS);
        expect(JSON.parse(body)).to.deep.equal(appErrorBody(new Error('check failed')));
      });
    });

    describe("with loginRequired({ loginUrl }) and a browser's navigation", () => {
      const server = behind(harness, () => loginRequired({ loginUrl: '/login', isAuthenticated: hasToken }));

      it('redirects to the login page with the path to come back to', async () => {
        const { status, headers } = await rawRequest(server(), '/private/data?page=2', NAVIGATION);
        expect(status).to.equal(302);
        expect(headers.location).to.equal('/login?next=%2Fprivate%2Fdata%3Fpage%3D2');
        expect(headers.vary).to.equal(harness.appSetsVary ? `Origin, ${LOGIN_VARY}` : LOGIN_VARY);
      });

      it("answers a script the 401, its vary merged with the app's", async () => {
        const { status, headers, body } = await call(`${server().url}/private/data`, { headers: { accept: 'application/json' } });
        expect([status, body]).to.deep.equal([401, DEFAULT_401_JSON]);
        expect(headers.get('vary')).to.equal(harness.appSetsVary ? `Origin, ${LOGIN_VARY}` : LOGIN_VARY);
      });

      it("leaves the app's vary as it is on a request it lets through", async () => {
        const { headers } = await call(`${server().url}/private/data`, { headers: { accept: 'text/html', ...SIGNED_IN } });
        expect(headers.get('vary')).to.equal(harness.appSetsVary ? 'Origin' : null);
      });
    });

    describe('given something that is not a guard', () => {
      it('is a TypeError that names toMiddleware', () => {
        expect(() => harness.toMiddleware(loginRequiredAjax)).to.throw(TypeError, /^toMiddleware: expected a guard/);
        expect(() => harness.toMiddleware(() => undefined)).to.throw(TypeError, /^toMiddleware: expected a guard/);
      });
    });
  });
}
