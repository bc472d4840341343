import type { AuthenticationCheck } from '../auth/is-authenticated.js';
import { readProperty } from '../auth/read-property.js';
import type { Renderer } from '../response/denial.js';
import { assertChallenge, describeValue } from '../response/header-value.js';
import { assertFunction, assertKnownKeys, assertString } from '../settings.js';

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
  /** [render=settings.render] */
  readonly render?: Renderer;
}

type Validator = (value: unknown, setting: string) => void;

const GUARD_OPTION_CHECKS: Readonly<Record<keyof GuardOptions, Validator>> = {
  message: assertString,
  errorcode: assertString,
  challenge: assertChallenge,
  isAuthenticated: assertFunction,
  render: assertFunction,
};

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
  // No prototype: a guard reads `options.isAuthenticated` on every call, and a
  // missing option must never fall through to a polluted Object.prototype.
  const resolved: Record<string, unknown> = Object.create(null);
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
