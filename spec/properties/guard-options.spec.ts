import {
  defaultRender,
  isJsonResponse,
  type JsonResponse,
  loginRequired,
  loginRequiredAjax,
  permissionRequiredAjax,
  problemDetails,
  userPassesTestAjax,
} from 'ajax-guard';
import { expect } from 'chai';
import fc from 'fast-check';
import sinon from 'sinon';
import { anyOr, headerText, strangeFunction, writableHeaders } from '../support/arbitraries.js';
import { inMode } from '../support/decorator-mode.js';

const RUNS = { numRuns: 300 };
const BROWSER = 'text/html,application/xhtml+xml,*/*;q=0.8';

type Guard = (handler: (...args: any[]) => unknown) => (...args: any[]) => unknown;

// Every guard, made with the options under test.
const GUARDS: Readonly<Record<string, (options: unknown) => Guard>> = {
  loginRequiredAjax: (options) => loginRequiredAjax(options as never) as Guard,
  permissionRequiredAjax: (options) => permissionRequiredAjax('items.view', options as never) as Guard,
  userPassesTestAjax: (options) => userPassesTestAjax(() => true, options as never) as Guard,
  loginRequired: (options) => loginRequired(options as never) as Guard,
};

// A request target as a client may send it, often one that tries to name another host.
const target = fc.oneof(
  headerText,
  fc
    .tuple(
      fc.constantFrom('//', '/\\', '\\\\', '\t//', '/ /', 'http://evil.example//', 'https:'),
      fc.constantFrom('evil.example', '', '/x?y=1'),
      headerText,
    )
    .map((parts) => parts.join('')),
);

// The options every guard takes, and those only some take.
const COMMON_OPTIONS = {
  message: anyOr(fc.string()),
  errorcode: anyOr(fc.string()),
  challenge: anyOr(fc.oneof(fc.constantFrom('Session', 'Bearer realm="api"'), headerText)),
  isAuthenticated: anyOr(strangeFunction),
  render: anyOr(fc.oneof(fc.constantFrom(defaultRender, problemDetails), strangeFunction)),
};
const OWN_OPTIONS: Readonly<Record<string, Record<string, fc.Arbitrary<unknown>>>> = {
  permissionRequiredAjax: { hasPermission: anyOr(strangeFunction) },
  loginRequired: {
    loginUrl: anyOr(fc.oneof(fc.constantFrom('/login', 'https://sso.example/login?app=1#top'), headerText)),
    redirectFieldName: anyOr(fc.oneof(fc.constant('next'), headerText)),
  },
};

// A guard's name and its options: its own option names, a valid value most of
// the time, anything at all the rest; now and then a stray option or no object.
const guardAndOptions = fc.constantFrom(...Object.keys(GUARDS)).chain((name) =>
  fc.tuple(
    fc.constant(name),
    fc.oneof(
      { weight: 8, arbitrary: fc.record({ ...COMMON_OPTIONS, ...OWN_OPTIONS[name] }, { requiredKeys: [] }) },
      {
        weight: 1,
        arbitrary: fc.dictionary(fc.constantFrom('mesage', 'loginUrl', 'hasPermission', '__proto__'), fc.anything()),
      },
      { weight: 1, arbitrary: fc.anything() },
    ),
  ),
);

// Makes the guard; a throw must be a TypeError, at creation.
function made(guard: string, given: unknown): Guard | undefined {
  try {
    return (GUARDS[guard] as (options: unknown) => Guard)(given);
  } catch (error) {
    expect(error, 'what creating the guard threw').to.be.instanceOf(TypeError);
    return undefined;
  }
}

describe(inMode('property: any options given to a guard'), () => {
  it('are refused with a TypeError when it is created, or give only answers fit for the wire', async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(guardAndOptions, target, async ([name, given], url) => {
        const guard = made(name, given);
        if (guard === undefined) return;
        created++;
        const handler = sinon.fake.returns('ran');
        const checked =
          typeof given === 'object' && given !== null ? (given as { isAuthenticated?: unknown }).isAuthenticated : undefined;
        for (const request of [{ url }, { url, headers: { accept: BROWSER } }]) {
          let answer: unknown;
          try {
            answer = await guard(handler)(request);
          } catch {
            // A check, test or render hook that throws or returns nonsense fails the call closed.
            expect(handler.called, 'the handler ran, then the call failed').to.equal(false);
            continue;
          }
          if (handler.called) {
            const verdict = typeof checked === 'function' ? await checked(request) : undefined;
            expect(verdict, 'what the check said, or settled to').to.equal(true);
            continue;
          }
          expect(isJsonResponse(answer), 'a refusal made by jsonResponse').to.equal(true);
          const { status, headers } = answer as JsonResponse;
          expect(status === 302 || status >= 400, `status ${status}`).to.equal(true);
          expect(writableHeaders(headers), 'headers fit for the wire').to.equal(true);
        }
      }),
      { numRuns: 500 },
    );
    expect(created, 'guards created').to.be.above(50);
  });

  describe('loginUrl and redirectFieldName of loginRequired', () => {
    it('are refused with a TypeError, or redirect every browser to the same site, whatever its request target', () => {
      let created = 0;
      fc.assert(
        fc.property(
          fc.oneof(fc.constantFrom('/login', '/accounts/login/?app=1', 'https://sso.example/login#top'), headerText),
          fc.oneof(fc.constant('next'), headerText),
          fc.array(target, { minLength: 1, maxLength: 5 }),
          (loginUrl, field, urls) => {
            const guard = made('loginRequired', { loginUrl, redirectFieldName: field });
            if (guard === undefined) return;
            created++;
            const hash = loginUrl.indexOf('#');
            const base = hash === -1 ? loginUrl : loginUrl.slice(0, hash);
            const fragment = hash === -1 ? '' : loginUrl.slice(hash);
            const prefix = `${base}${base.includes('?') ? '&' : '?'}${encodeURIComponent(field)}=`;
            for (const url of urls) {
              const answer = guard(() => 'ran')({ url, headers: { accept: BROWSER } }) as JsonResponse;
              expect(answer.status).to.equal(302);
              const { location } = answer.headers as { location: string };
              expect(writableHeaders(answer.headers), 'headers fit for the wire').to.equal(true);
              expect(location.startsWith(prefix) && location.endsWith(fragment), location).to.equal(true);
              const next = decodeURIComponent(location.slice(prefix.length, location.length - fragment.length));
              // One slash, then no second slash, backslash, space or control: a path on this site.
              const second = next.charCodeAt(1);
              const sameSite = next[0] === '/' && !(second <= 0x20 || next[1] === '/' || next[1] === '\\');
              expect(sameSite, `next ${JSON.stringify(next)} of ${JSON.stringify(url)}`).to.equal(true);
            }
          },
        ),
        RUNS,
      );
      expect(created, 'guards created').to.be.above(50);
    });
  });
});
