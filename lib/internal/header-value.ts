import { describeValue } from './describe-value.js';

/**
 * Header checks, made when a value is configured or a response is built, so
 * that a bad value is a TypeError at start-up and never a response-splitting
 * bug on the wire.
 */

// RFC 9110 token: the characters allowed in a header name.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Visible ASCII, space and tab: anything else (CR, LF, NUL, obs-text) is refused.
const FIELD_VALUE = /^[\t\x20-\x7e]*$/;

/** Throws a TypeError naming `setting` unless `value` is a valid header value. */
export function assertHeaderValue(value: unknown, setting: string): asserts value is string {
  if (typeof value !== 'string' || !FIELD_VALUE.test(value)) {
    throw new TypeError(
      `${setting} must be a string of visible ASCII, space and tab (no CR, LF or control characters), got ${describeValue(value)}`,
    );
  }
}

/** Throws a TypeError naming `setting` unless `name` is a valid header name. */
export function assertHeaderName(name: string, setting: string): void {
  if (!TOKEN.test(name)) {
    throw new TypeError(`${setting} has an invalid header name ${describeValue(name)}`);
  }
}

/** A `WWW-Authenticate` challenge: a header value that starts with an auth-scheme token. */
export function assertChallenge(value: unknown, setting: string): asserts value is string {
  assertHeaderValue(value, setting);
  const scheme = value.split(' ', 1)[0] as string;
  if (!TOKEN.test(scheme)) {
    throw new TypeError(`${setting} must start with an authentication scheme such as "Session", got ${describeValue(value)}`);
  }
}
