import {
  configure,
  defaultRender,
  isJsonResponse,
  type jsonResponse,
  loginRequiredAjax,
  problemDetails,
  resetSettings,
  type Settings,
  type SettingsInput,
} from 'ajax-guard';
import { expect } from 'chai';
import fc from 'fast-check';
import sinon from 'sinon';
import { anyOr, FIELD_VALUE, headerText, strangeFunction, TOKEN, writableHeaders } from '../support/arbitraries.js';
import { inMode } from '../support/decorator-mode.js';

const FUNCTIONS = ['clock', 'isAuthenticated', 'hasPermission', 'render'] as const;

const SETTING_VALUES = {
  errorCodes: anyOr(
    fc.record(
      { authentication: anyOr(fc.string()), permission: anyOr(fc.string()), timeout: anyOr(fc.string()) },
      { requiredKeys: [] },
    ),
  ),
  checkTimeout: anyOr(fc.oneof(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.double(), fc.integer())),
  challenge: anyOr(fc.oneof(fc.constantFrom('Session', 'Bearer realm="api"'), headerText)),
  clock: anyOr(
    fc.oneof(
      fc.constant(() => Date.now()),
      strangeFunction,
    ),
  ),
  isAuthenticated: anyOr(strangeFunction),
  hasPermission: anyOr(strangeFunction),
  render: anyOr(fc.oneof(fc.constantFrom(defaultRender, problemDetails), strangeFunction)),
};

// What configure is given: the settings' own names most of the time, a typo or
// a value that is no object at all some of the time.
const settingsInput = fc.oneof(
  { weight: 6, arbitrary: fc.record(SETTING_VALUES, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('challenge', 'chalenge', '__proto__', 'render'), fc.anything()) },
  { weight: 1, arbitrary: fc.anything() },
);

// The settings in force, read back through configure's return value.
const inForce = (): Settings => {
  const current = configure({});
  configure(current);
  return current;
};

// What every accepted configuration must look like.
function expectWellFormed(settings: Settings): void {
  expect(Object.isFrozen(settings) && Object.isFrozen(settings.errorCodes), 'frozen').to.equal(true);
  expect(settings.errorCodes.authentication).to.be.a('string');
  expect(settings.errorCodes.permission).to.be.a('string');
  expect(settings.errorCodes.timeout).to.be.a('string');
  expect(Number.isInteger(settings.checkTimeout) && settings.checkTimeout >= 1, 'checkTimeout').to.equal(true);
  expect(FIELD_VALUE.test(settings.challenge) && TOKEN.test(settings.challenge.split(' ', 1)[0] as string), 'challenge').to.equal(
    true,
  );
  for (const name of FUNCTIONS) expect(settings[name], name).to.be.a('function');
}

// An anonymous call under the settings in force: the handler never runs
// unless the check said exactly true, and what comes back is the handler's
// answer or a refusal that can go on the wire as it is. A throw (a clock or
// render hook that returns nonsense) fails the call closed.
function expectAnonymousCallSafe(settings: Settings): void {
  const handler = sinon.fake.returns('ran');
  let answer: unknown;
  try {
    answer = loginRequiredAjax()(handler)({});
  } catch {
    expect(handler.called, 'the handler ran, then the call threw').to.equal(false);
    return;
  }
  if (answer instanceof Promise) {
    // An async check: its verdict is the check's business, tested elsewhere.
    answer.catch(() => undefined);
    return;
  }
  if (handler.called) {
    expect(settings.isAuthenticated({})).to.equal(true);
    expect(answer).to.equal('ran');
    return;
  }
  expect(isJsonResponse(answer), 'a refusal').to.equal(true);
  const { status, headers } = answer as ReturnType<typeof jsonResponse>;
  expect(status).to.be.within(400, 599);
  expect(writableHeaders(headers), 'headers fit for the wire').to.equal(true);
}

describe(inMode('property: configure(anything)'), () => {
  it('either throws a TypeError and changes nothing, or puts exactly what it was given in force', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.array(settingsInput, { minLength: 1, maxLength: 4 }), (inputs) => {
        resetSettings();
        for (const input of inputs) {
          const before = inForce();
          let returned: Settings | undefined;
          try {
            returned = configure(input as SettingsInput);
          } catch (error) {
            expect(error).to.be.instanceOf(TypeError);
            refused++;
            const after = inForce();
            for (const name of ['challenge', 'checkTimeout', ...FUNCTIONS] as const)
              expect(after[name], name).to.equal(before[name]);
            expect(after.errorCodes).to.deep.equal(before.errorCodes);
            continue;
          }
          accepted++;
          expect(returned, 'configure returns the previous settings').to.deep.equal(before);
          const after = inForce();
          expectWellFormed(after);
          const given = input as Record<string, unknown>;
          for (const name of ['challenge', 'checkTimeout', ...FUNCTIONS] as const) {
            expect(after[name], name).to.equal(given[name] === undefined ? before[name] : given[name]);
          }
          expectAnonymousCallSafe(after);
        }
      }),
      { numRuns: 500 },
    );
    // Both outcomes are drawn often: the property says something about each.
    expect(accepted, 'configurations accepted').to.be.above(50);
    expect(refused, 'configurations refused').to.be.above(50);
  });
});
