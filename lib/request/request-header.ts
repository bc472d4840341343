import { readProperty } from '../internal/read-property.js';
import { requestField } from './request-field.js';

/**
 * The headers of any framework's request, as it holds them: a Fetch
 * `Headers`, or Node's header record (Express, Fastify, Koa's `ctx.req`, a
 * plain object). Read once, then give it to `headerOf` for each header.
 */
export function requestHeaders(request: unknown): unknown {
  return requestField(request, 'headers');
}

/**
 * True when the names in `request`'s header record may be in any letter
 * case: only a hand-made plain object. Node lower-cases every name, so a
 * real request's absent header costs one lookup, never a scan of its keys.
 */
export function mayHaveMixedCase(request: unknown): boolean {
  if (typeof request !== 'object' || request === null) return false;
  const proto = Reflect.getPrototypeOf(request);
  return proto === Object.prototype || proto === null;
}

function fromRecord(headers: unknown, name: string, mixedCase: boolean): unknown {
  const exact = readProperty(headers, name);
  if (exact !== undefined || !mixedCase || typeof headers !== 'object' || headers === null) return exact;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : readProperty(headers, key);
}

/**
 * One header of `headers` (from `requestHeaders`), by its lower-case name;
 * `mixedCase` (from `mayHaveMixedCase`) also finds it under another letter
 * case. Repeated values are joined with `, `. Undefined when absent or not text.
 */
export function headerOf(headers: unknown, name: string, mixedCase: boolean): string | undefined {
  const get = readProperty(headers, 'get');
  const value = typeof get === 'function' ? Reflect.apply(get, headers, [name]) : fromRecord(headers, name, mixedCase);
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  return undefined;
}

/**
 * One header of any framework's request, by name in any letter case: from a
 * Fetch `Headers` (its `get`), or from Node's header record (Express, Fastify,
 * Koa's `ctx.req`, a plain object, whose names a test may write in any case).
 * Repeated values are joined with `, `, as HTTP combines them. Undefined when
 * absent or not text.
 *
 * @example
 * requestHeader(req, 'Accept'); // 'text/html,...'
 */
export function requestHeader(request: unknown, name: string): string | undefined {
  return headerOf(requestHeaders(request), name.toLowerCase(), mayHaveMixedCase(request));
}
