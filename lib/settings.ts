import { defaultHasPermission, type PermissionCheck } from './auth/has-permission.js';
import { type AuthenticationCheck, defaultIsAuthenticated } from './auth/is-authenticated.js';
import { defaultGetUser, type UserGetter } from './auth/user.js';
import { describeValue } from './internal/describe-value.js';
import { assertChallenge } from './internal/header-value.js';
import { readProperty } from './internal/read-property.js';
import { assertFunction, assertKnownKeys, assertString, assertTimeout } from './internal/validate.js';
import type { Renderer } from './response/denial.js';
import { defaultRender } from './response/error-body.js';

/** The `errorcode` of each refusal, as Django's `settings.API_ERROR_AUTHENTICATION`. */
export interface ErrorCodes {
  /** [authentication="AUTHENTICATION_REQUIRED"] */
  readonly authentication: string;
  /** [permission="PERMISSION_DENIED"] */
  readonly permission: string;
  /** [timeout="CHECK_TIMEOUT"] The `errorcode` of the 503 an async check that outlasts `checkTimeout` gets. */
  readonly timeout: string;
}

/** Finds the request among a handler's arguments. */
export type RequestGetter = (args: readonly unknown[]) => unknown;

/** The request is a handler's first argument unless `getRequest` says otherwise. */
export const defaultGetRequest: RequestGetter = (args) => args[0];

/** The app-wide defaults every guard reads on every call. */
export interface Settings {
  readonly errorCodes: ErrorCodes;
  /** [challenge="Session"] The `WWW-Authenticate` challenge of every 401. */
  readonly challenge: string;
  /** [clock=Date.now] Milliseconds since the epoch, for the body's timestamp. */
  readonly clock: () => number;
  /** [isAuthenticated=defaultIsAuthenticated] */
  readonly isAuthenticated: AuthenticationCheck;
  /** [getUser=defaultGetUser] The user of a request, for the default check, permissions and user tests. */
  readonly getUser: UserGetter;
  /** [getRequest=(args) => args[0]] Where the request is among a handler's arguments. */
  readonly getRequest: RequestGetter;
  /** [hasPermission=defaultHasPermission] */
  readonly hasPermission: PermissionCheck;
  /** [render=defaultRender] Builds the refusal response: the library's error body by default. */
  readonly render: Renderer;
  /** [checkTimeout=10000] Milliseconds an async check may take before the call gets a 503. */
  readonly checkTimeout: number;
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
  getUser: defaultGetUser,
  getRequest: defaultGetRequest,
  hasPermission: defaultHasPermission,
  render: defaultRender,
  checkTimeout: 10_000,
});

// Every installed copy of the library (a plugin may bundle its own) keeps
// what the app configured in one shared place, so that one `configure`
// reaches every guard in the process; each copy completes it with its own
// defaults, and a copy that knows fewer settings leaves the others as set.
const SHARED_KEY = Symbol.for('ajax-guard.configured-settings');
interface Configured {
  values: Readonly<Record<string, unknown>>;
}
const registry = globalThis as { [SHARED_KEY]?: Configured };
if (registry[SHARED_KEY] === undefined) registry[SHARED_KEY] = { values: Object.freeze({}) };
const configured = registry[SHARED_KEY];

// The configured values over this copy's defaults, rebuilt only when they change.
let seen: Readonly<Record<string, unknown>> | undefined;
let view: Settings = DEFAULTS;

/** The settings in force now. Guards read them per call, so import order never matters. */
export function currentSettings(): Settings {
  if (configured.values !== seen) {
    seen = configured.values;
    view = Object.keys(seen).length === 0 ? DEFAULTS : (Object.freeze({ ...DEFAULTS, ...seen }) as Settings);
  }
  return view;
}

const ERROR_CODE_NAMES = ['authentication', 'permission', 'timeout'] as const;

function mergeErrorCodes(input: unknown): ErrorCodes {
  if (typeof input !== 'object' || input === null) {
    throw new TypeError(`configure: settings.errorCodes must be an object, got ${describeValue(input)}`);
  }
  assertKnownKeys(input, ERROR_CODE_NAMES, 'configure: settings.errorCodes');
  const merged = { ...currentSettings().errorCodes };
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
  getUser: checked(assertFunction, 'getUser'),
  getRequest: checked(assertFunction, 'getRequest'),
  hasPermission: checked(assertFunction, 'hasPermission'),
  render: checked(assertFunction, 'render'),
  checkTimeout: checked(assertTimeout, 'checkTimeout'),
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
  const previous = currentSettings();
  const next: Record<string, unknown> = { ...configured.values };
  for (const name of NAMES) {
    const value = readProperty(settings, name);
    if (value !== undefined) next[name] = CHECKS[name](value);
  }
  configured.values = Object.freeze(next);
  return previous;
}

/** Restores every default. */
export function resetSettings(): void {
  configured.values = Object.freeze({});
}
