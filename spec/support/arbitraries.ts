/** Values for property tests, and the header syntax they are judged by. */
import { jsonResponse } from 'ajax-guard';
import fc from 'fast-check';

/** RFC 9110 field-value as ajax-guard accepts it: visible ASCII, space and tab. */
export const FIELD_VALUE = /^[\t\x20-\x7e]*$/;

/** RFC 9110 token: the characters of a header name or an auth-scheme. */
export const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Any string, ASCII controls and non-ASCII included, and often a near-miss of a valid header value. */
export const headerText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('a', ' ', '\t', '\r', '\n', '\0', '\x7f', 'é', '=', '"') }),
);

/** True when every header of `headers` could be written on the wire as it is. */
export const writableHeaders = (headers: Readonly<Record<string, string>>): boolean =>
  Object.entries(headers).every(([name, value]) => TOKEN.test(name) && typeof value === 'string' && FIELD_VALUE.test(value));

// Functions that answer anything: a clock, a check or a render hook as a
// buggy app might write one. (Not fc.func: fast-check marks what holds one
// with a symbol key, which configure rightly refuses as unknown.)
export const strangeFunction = fc.constantFrom<(...args: any[]) => unknown>(
  () => true,
  () => false,
  () => 'true',
  () => 1,
  () => null,
  () => undefined,
  () => Number.NaN,
  () => 10n,
  () => Symbol('answer'),
  () => ({ status: 401, headers: {}, body: {} }),
  () => jsonResponse({ ok: true }),
  () => jsonResponse({ error: 'x' }, { status: 418 }),
  () => Promise.resolve(true),
  () => {
    const rejected = Promise.reject(new Error('rejected'));
    // Handled here, so a hook that drops it leaves no unhandled rejection behind.
    rejected.catch(() => undefined);
    return rejected;
  },
  () => {
    throw new Error('thrown');
  },
);

// For each setting, a value it takes most of the time, and anything at all
// (text near a header value, a strange function) the rest.
export const anyOr = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: fc.oneof(fc.anything(), headerText, strangeFunction) });
