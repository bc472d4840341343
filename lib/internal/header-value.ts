import { describeKind, describeValue } from './describe-value.js';

/**
 * Header checks, made when a value is configured or a response is built, so
 * that a bad value is a TypeError at start-up and never a response-splitting
 * bug on the wire.
 */

// RFC 9110 token: the characters allowed in a header name.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Visible ASCII, space and tab: anything else (CR, LF, NUL, obs-text) is refused.
const FIELD_VALUE = /^[\t\x20-\x7e]*$/;

// What is wrong with a value, never the value itself: a response's header is
// often built from request data while a request is served, and an error
// message may reach the wire (Fastify's default 500 body quotes it).
function fault(value: unknown, allowed: RegExp): string {
  if (typeof value !== 'string') return `got ${describeKind(value)}`;
  let at = 0;
  while (at < value.length && allowed.test(value.charAt(at))) at++;
  if (at === value.length) return 'got an empty string';
  const code = value.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
  return `got U+${code} at index ${at} of a string of ${value.length} characters`;
}

/**
 * Throws a TypeError naming `setting` unless `value` is a valid header value.
 * A configured value is quoted; a response's (`quote: false`) never is.
 */
export function assertHeaderValue(value: unknown, setting: string, quote = true): asserts value is string {
  if (typeof value !== 'string' || !FIELD_VALUE.test(value)) {
    const got = quote ? `got ${describeValue(value)}` : fault(value, FIELD_VALUE);
    throw new TypeError(`${setting} must be a string of visible ASCII, space and tab (no CR, LF or control characters), ${got}`);
  }
}

/** Throws a TypeError naming `setting` unless `name` is a valid header name; the name is never quoted. */
export function assertHeaderName(name: string, setting: string): void {
  if (!TOKEN.test(name)) {
    throw new TypeError(`${setting} has an invalid header name: ${fault(name, TOKEN)}`);
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
