import { defaultHasPermission, type PermissionCheck } from './auth/has-permission.js';
import { type AuthenticationCheck, defaultIsAuthenticated } from './auth/is-authenticated.js';
import { readProperty } from './auth/read-property.js';
import { defaultRender } from './response/default-render.js';
import type { Renderer } from './response/denial.js';
import { assertChallenge, describeValue } from './response/header-value.js';

/** The `errorcode` of each denial, as the seed's `settings.API_ERROR_AUTHENTICATION`. */
export interface ErrorCodes {
  /** [authentication="AUTHENTICATION_REQUIRED"] */
  readonly authentication: string;
  /** [permission="PERMISSION_DENIED"] */
  readonly permission: string;
  /** [timeout="CHECK_TIMEOUT"] The `errorcode` of the 503 an async check that outlasts `checkTimeout` gets. */
  readonly timeout: string;
}

/** The app-wide defaults every guard reads on every call. */
export interface Settings {
  readonly errorCodes: ErrorCodes;
  /** [challenge="Session"] The `WWW-Authenticate` challenge of every 401. */
  readonly challenge: string;
  /** [clock=Date.now] Milliseconds since the epoch, for the body's timestamp. */
  readonly clock: () => number;
  /** [isAuthenticated=defaultIsAuthenticated] */
  readonly isAuthenticated: AuthenticationCheck;
  /** [hasPermission=defaultHasPermission] */
  readonly hasPermission: PermissionCheck;
  /** [render=defaultRender] Builds the denial response: the seed's body by default. */
  readonly render: Renderer;
  /** [checkTimeout=10000] Milliseconds an async check may take before the call gets a 503. */
  readonly checkTimeout: number;
  /** [getRequest=(args) => args[0]] Finds the request among a guarded handler's arguments. */
  readonly getRequest: (args: ArrayLike<unknown>) => unknown;
}

/** What `configure` accepts: any part of the settings, and any part of `errorCodes`. */
export type SettingsInput = { readonly [K in keyof Settings]?: K extends 'errorCodes' ? Partial<ErrorCodes> : Settings[K] };

const DEFAULTS: Settings = Object.freeze({
  errorCodes: Object.freeze({
    authentication: 'AUTHENTICATION_REQUIRED',
    permission: 'PERMISSION_DENIED',
    timeout: 'CHECK_TIMEOUT',
  }),
  challenge: 'Session',
  // Looked up on each call, not captured at import: sinon's fake timers
  // replace the global Date, and a captured Date.now would miss them.
  clock: () => Date.now(),
  isAuthenticated: defaultIsAuthenticated,
  hasPermission: defaultHasPermission,
  render: defaultRender,
  checkTimeout: 10_000,
  getRequest: (args: ArrayLike<unknown>) => args[0],
});

let current: Settings = DEFAULTS;

/** The settings in force now. Guards read them per call, so import order never matters. */
export function currentSettings(): Settings {
  return current;
}

/** Throws a TypeError naming `setting` unless `value` is a function. */
export function assertFunction(value: unknown, setting: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') throw new TypeError(`${setting} must be a function, got ${describeValue(value)}`);
}

/** Throws a TypeError naming `setting` unless `value` is a string. */
export function assertString(value: unknown, setting: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${setting} must be a string, got ${describeValue(value)}`);
}

/** Throws a TypeError naming `owner` for any own key of `input` not in `known` (a typo fails loudly). */
export function assertKnownKeys(input: object, known: readonly string[], owner: string): void {
  for (const key of Reflect.ownKeys(input)) {
    if (typeof key !== 'string' || !known.includes(key)) {
      throw new TypeError(`${owner}: unknown setting ${describeValue(String(key))}; expected one of ${known.join(', ')}`);
    }
  }
}

const ERROR_CODE_NAMES = ['authentication', 'permission', 'timeout'] as const;

/** Throws a TypeError naming `setting` unless `value` is a whole number of milliseconds a timer can wait. */
function assertTimeout(value: unknown, setting: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 2_147_483_647) {
    throw new TypeError(`${setting} must be a whole number of milliseconds from 1 to 2147483647, got ${describeValue(value)}`);
  }
}

function mergeErrorCodes(input: unknown): ErrorCodes {
  if (typeof input !== 'object' || input === null) {
    throw new TypeError(`configure: settings.errorCodes must be an object, got ${describeValue(input)}`);
  }
  assertKnownKeys(input, ERROR_CODE_NAMES, 'configure: settings.errorCodes');
  const merged = { ...current.errorCodes };
  for (const key of ERROR_CODE_NAMES) {
    const value = readProperty(input, key);
    if (value === undefined) continue;
    assertString(value, `configure: settings.errorCodes.${key}`);
    merged[key] = value;
  }
  return Object.freeze(merged);
}

/** A setting's check: returns the value once `assert` accepts it. */
const checked =
  <T>(assert: (value: unknown, setting: string) => void, name: string) =>
  (value: unknown): T => {
    assert(value, `configure: settings.${name}`);
    return value as T;
  };

// Each setting's check, run by `configure` before anything changes.
const CHECKS: { readonly [K in keyof Settings]: (value: unknown) => Settings[K] } = {
  errorCodes: mergeErrorCodes,
  challenge: checked(assertChallenge, 'challenge'),
  clock: checked(assertFunction, 'clock'),
  isAuthenticated: checked(assertFunction, 'isAuthenticated'),
  hasPermission: checked(assertFunction, 'hasPermission'),
  render: checked(assertFunction, 'render'),
  checkTimeout: checked(assertTimeout, 'checkTimeout'),
  getRequest: checked(assertFunction, 'getRequest'),
};
const NAMES = Object.keys(CHECKS) as (keyof Settings)[];

/**
 * Sets app-wide defaults, as Django's settings; a partial `errorCodes` is
 * merged. Every value is checked first: a bad one is a TypeError naming it,
 * and nothing changes. Returns the previous settings, which `configure`
 * accepts back to restore them.
 *
 * @example
 * configure({ errorCodes: { authentication: 'E_AUTH' }, challenge: 'Bearer realm="api"' });
 */
export function configure(settings: SettingsInput): Settings {
  if (typeof settings !== 'object' || settings === null) {
    throw new TypeError(`configure: settings must be an object, got ${describeValue(settings)}`);
  }
  assertKnownKeys(settings, NAMES, 'configure');
  const next: Record<string, unknown> = { ...current };
  for (const name of NAMES) {
    const value = readProperty(settings, name);
    if (value !== undefined) next[name] = CHECKS[name](value);
  }
  const previous = current;
  current = Object.freeze(next) as unknown as Settings;
  return previous;
}

/** Restores every default. */
export function resetSettings(): void {
  current = DEFAULTS;
}
