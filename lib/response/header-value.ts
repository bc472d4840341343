/**
 * Header checks, made when a value is configured or a response is built, so
 * that a bad value is a TypeError at start-up and never a response-splitting
 * bug on the wire.
 */

// RFC 9110 token: the characters allowed in a header name.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Visible ASCII, space and tab: anything else (CR, LF, NUL, obs-text) is refused.
const FIELD_VALUE = /^[\t\x20-\x7e]*$/;

/** Quotes a value for an error message, shortened so a huge input stays readable. */
export function describeValue(value: unknown): string {
  if (typeof value === 'function') return `a function`;
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

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
