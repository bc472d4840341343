import { describeValue } from './describe-value.js';

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

/** Throws a TypeError naming `setting` unless `value` is a whole number of milliseconds a timer can wait. */
export function assertTimeout(value: unknown, setting: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 2_147_483_647) {
    throw new TypeError(`${setting} must be a whole number of milliseconds from 1 to 2147483647, got ${describeValue(value)}`);
  }
}
