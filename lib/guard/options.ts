import type { AuthenticationCheck } from '../auth/is-authenticated.js';
import type { UserGetter } from '../auth/user.js';
import { describeValue } from '../internal/describe-value.js';
import { assertChallenge } from '../internal/header-value.js';
import { readProperty } from '../internal/read-property.js';
import { assertFunction, assertKnownKeys, assertString } from '../internal/validate.js';
import type { Renderer } from '../response/denial.js';
import type { RequestGetter } from '../settings.js';

/** Options every guard takes; each overrides the app-wide setting of the same purpose. */
export interface GuardOptions<Check extends AuthenticationCheck = AuthenticationCheck> {
  /** [message="Unknown authentication scheme" on a 401, "Permission denied" on a 403] */
  readonly message?: string;
  /** [errorcode=settings.errorCodes.authentication or .permission] */
  readonly errorcode?: string;
  /** [challenge=settings.challenge] The `WWW-Authenticate` value of this guard's 401. */
  readonly challenge?: string;
  /** [isAuthenticated=settings.isAuthenticated] */
  readonly isAuthenticated?: Check;
  /** [getUser=settings.getUser] The user of a request: what permission checks and user tests receive. */
  readonly getUser?: UserGetter;
  /** [getRequest=settings.getRequest] Where the request is among the handler's arguments: `(args) => args[1]`. */
  readonly getRequest?: RequestGetter;
  /** [render=settings.render] */
  readonly render?: Renderer;
}

/** Checks one option's value, naming it in the TypeError. */
export type Validator = (value: unknown, setting: string) => void;

const GUARD_OPTION_CHECKS: Readonly<Record<keyof GuardOptions, Validator>> = {
  message: assertString,
  errorcode: assertString,
  challenge: assertChallenge,
  isAuthenticated: assertFunction,
  getUser: assertFunction,
  getRequest: assertFunction,
  render: assertFunction,
};

// One shape for every guard's options: each known option, unset.
const UNSET: Readonly<Record<keyof GuardOptions, undefined>> = Object.freeze({
  message: undefined,
  errorcode: undefined,
  challenge: undefined,
  isAuthenticated: undefined,
  getUser: undefined,
  getRequest: undefined,
  render: undefined,
});

/**
 * Checks a guard's options when the decorator is created, so a mistake is a
 * TypeError at start-up naming the guard and the option, never a surprise on
 * the first request. Options are read as requests are: own properties and
 * class prototypes only, never `Object.prototype`.
 */
export function readGuardOptions<O extends object>(
  guard: string,
  options: unknown,
  extra: Readonly<Record<string, Validator>> = {},
): Readonly<O> {
  // Every option an own property, undefined where not given: a guard reads
  // `options.isAuthenticated` on every call, and a missing option must never
  // fall through to a polluted Object.prototype. (A null-prototype object
  // would do that too, but V8 keeps it as a slow dictionary.)
  const resolved: Record<string, unknown> = { ...UNSET };
  for (const name of Object.keys(extra)) resolved[name] = undefined;
  if (options === undefined) return Object.freeze(resolved) as O;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${guard}: options must be an object, got ${describeValue(options)}`);
  }
  const checks: Record<string, Validator> = { ...GUARD_OPTION_CHECKS, ...extra };
  assertKnownKeys(options, Object.keys(checks), guard);
  for (const [name, check] of Object.entries(checks)) {
    const value = readProperty(options, name);
    if (value === undefined) continue;
    check(value, `${guard}: options.${name}`);
    resolved[name] = value;
  }
  return Object.freeze(resolved) as O;
}
