import { configure, type SettingsInput } from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { AccountController, APP_ERROR_STATUS, appErrorBody } from './account-controller.js';
import { PINNED_NOW_MS } from './clock.js';
import { expectDefault401Answer } from './default-refusal.js';
import { call } from './http-client.js';
import type { RunningServer } from './http-server.js';
import { type Credentials, forge } from './sign-in.js';

/** How the shared suite drives one framework's test app. */
export interface Harness {
  /**
   * Starts an app on loopback whose routes `/<name>` call each method of
   * `ROUTED` on `account` through the adapter's `toHandler`, whose
   * `/answered` route writes its answer through the framework itself and
   * returns nothing more, and whose error handler answers
   * `APP_ERROR_STATUS` with `appErrorBody(error)`.
   */
  start(account: AccountController): Promise<RunningServer>;
  /** Signs in through the framework's own flow; sessions and tokens live at most ten minutes. */
  signIn(server: RunningServer): Promise<Credentials>;
  /** App-wide settings the app runs with (a Fetch app's own check), applied before each test. */
  readonly settings?: SettingsInput;
}

const SERIALIZATION_500 =
  '{"status":"500","message":"Response could not be serialized","timestamp":"1764000000","errorcode":"SERIALIZATION_FAILED"}';
const JSON_TYPE = 'application/json; charset=utf-8';

const byteLength = (text: string): string => String(Buffer.byteLength(text));

/** Starts the harness's app for the enclosing describe, with the denial clock pinned, and stops it after. */
function useServer(harness: Harness): () => RunningServer {
  let server: RunningServer | undefined;
  before(async () => {
    server = await harness.start(new AccountController());
  });
  // The root hooks restore the settings after each test.
  beforeEach(() => configure({ ...harness.settings, clock: () => PINNED_NOW_MS }));
  after(async () => {
    await server?.close();
  });
  return () => server as RunningServer;
}

/**
 * Who gets in: an anonymous caller gets the default 401 byte for byte; a
 * real sign-in gets the handler's data; a forged or an expired session does not.
 */
export function describeSignIn(title: string, harness: Harness): void {
  describe(title, () => {
    const server = useServer(harness);

    describe('when the request is anonymous', () => {
      it('answers the default 401 byte for byte, with its headers', async () => {
        expectDefault401Answer(await call(`${server().url}/me`));
      });

      it('answers HEAD with the same status and headers and no body', async () => {
        expectDefault401Answer(await call(`${server().url}/me`, { method: 'HEAD' }), '');
      });
    });

    describe('after a real sign-in', () => {
      let credentials: Credentials;
      before(async () => {
        credentials = await harness.signIn(server());
      });

      it("answers with the handler's data and headers", async () => {
        const { status, headers, body } = await call(`${server().url}/me`, { headers: credentials });
        expect(status).to.equal(200);
        expect(body).to.equal('{"username":"alice"}');
        expect(headers.get('x-handler')).to.equal('me');
        expect(headers.get('content-type')).to.equal(JSON_TYPE);
        expect(headers.get('content-length')).to.equal(byteLength(body));
      });

      describe('when signed-in and anonymous requests run at once', () => {
        it('answers each caller for itself', async () => {
          const callers = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? credentials : {}));
          const answers = await Promise.all(callers.map((headers) => call(`${server().url}/me`, { headers })));
          expect(answers.map(({ status }) => status)).to.deep.equal(
            callers.map((headers) => (headers === credentials ? 200 : 401)),
          );
        });
      });

      describe('when the session or token is forged', () => {
        it('answers the default 401', async () => {
          expectDefault401Answer(await call(`${server().url}/me`, { headers: forge(credentials) }));
        });
      });

      describe('once the session or token has expired', () => {
        // Only Date moves, an hour on: the servers' own timers keep running.
        beforeEach(() => {
          sinon.useFakeTimers({ now: Date.now() + 60 * 60 * 1000, toFake: ['Date'] });
        });

        it('answers the default 401', async () => {
          expectDefault401Answer(await call(`${server().url}/me`, { headers: credentials }));
        });
      });
    });
  });
}

/**
 * How answers are written: each kind of value a handler returns, HEAD, the
 * app's error handler, and the clean 500 for a body JSON cannot hold.
 */
export function describeAnswers(title: string, harness: Harness): void {
  describe(title, () => {
    const server = useServer(harness);
    let credentials: Credentials;
    before(async () => {
      credentials = await harness.signIn(server());
    });
    const get = (path: string, init: RequestInit = {}) => call(`${server().url}${path}`, { ...init, headers: credentials });

    describe('when the handler returns data that is not a JsonResponse', () => {
      it('writes it as 200 JSON, its content-length in bytes', async () => {
        const { status, headers, body } = await get('/data');
        expect(status).to.equal(200);
        expect(body).to.equal('{"items":[1,"ü"]}');
        expect(headers.get('content-type')).to.equal(JSON_TYPE);
        expect(headers.get('content-length')).to.equal(byteLength(body));
      });

      it('answers HEAD with the same content-length and no body', async () => {
        const { status, headers, body } = await get('/data', { method: 'HEAD' });
        expect(status).to.equal(200);
        expect(body).to.equal('');
        expect(headers.get('content-length')).to.equal(byteLength('{"items":[1,"ü"]}'));
      });
    });

    describe('when the handler returns a JsonResponse of its own', () => {
      it('writes its status and headers as they are', async () => {
        const { status, headers, body } = await get('/created');
        expect(status).to.equal(201);
        expect(body).to.equal('{"id":7}');
        expect(headers.get('content-type')).to.equal('application/vnd.api+json');
        expect(headers.get('location')).to.equal('/items/7');
        expect(headers.get('content-length')).to.equal(byteLength(body));
      });
    });

    describe('when an async handler resolves', () => {
      it('writes what it resolved to', async () => {
        const { status, body } = await get('/later');
        expect([status, body]).to.deep.equal([200, '{"later":true}']);
      });
    });

    describe('when the handler returns undefined', () => {
      it('answers 204 with no body', async () => {
        const { status, headers, body } = await get('/nothing');
        expect([status, body]).to.deep.equal([204, '']);
        expect(headers.get('content-length')).to.equal(null);
      });

      it('leaves alone an answer the handler already wrote through the framework', async () => {
        const { status, body } = await get('/answered');
        expect([status, body]).to.deep.equal([202, 'answered by the handler']);
      });
    });

    describe('when the handler throws', () => {
      it("reaches the app's error handler", async () => {
        const { status, body } = await get('/broken');
        expect(status).to.equal(APP_ERROR_STATUS);
        expect(JSON.parse(body)).to.deep.equal(appErrorBody(new Error('broken handler')));
      });
    });

    describe('when an async handler rejects', () => {
      it("reaches the app's error handler", async () => {
        const { status, body } = await get('/rejected');
        expect(status).to.equal(APP_ERROR_STATUS);
        expect(JSON.parse(body)).to.deep.equal(appErrorBody(new Error('rejected handler')));
      });
    });

    describe('when the authentication check throws', () => {
      it("reaches the app's error handler, and the handler does not run", async () => {
        const { status, body } = await get('/unchecked');
        expect(status).to.equal(APP_ERROR_STATUS);
        expect(JSON.parse(body)).to.deep.equal(appErrorBody(new Error('check failed')));
      });
    });

    for (const path of ['/cycle', '/bigint', '/informational']) {
      describe(`when the response cannot be sent (${path.slice(1)})`, () => {
        it('answers a clean 500 JSON with no stack, then serves the next request', async () => {
          const { status, headers, body } = await get(path);
          expect(status).to.equal(500);
          expect(body).to.equal(SERIALIZATION_500);
          expect(headers.get('content-type')).to.equal(JSON_TYPE);
          expect(headers.get('content-length')).to.equal(byteLength(body));
          expect((await get('/data')).status).to.equal(200);
        });
      });
    }
  });
}

/** Both suites for one framework version: `describeSignIn(signInTitle)`, then `describeAnswers`. */
export function describeFramework(version: string, signInTitle: string, harness: Harness): void {
  describe(`on ${version}`, () => {
    describeSignIn(signInTitle, harness);
    describeAnswers('answering', harness);
  });
}
