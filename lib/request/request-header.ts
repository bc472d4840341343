import { readProperty } from '../internal/read-property.js';
import { requestField } from './request-field.js';

// Node lower-cases header names; a plain object in a test may not.
function fromRecord(headers: unknown, name: string): unknown {
  const exact = readProperty(headers, name);
  if (exact !== undefined || typeof headers !== 'object' || headers === null) return exact;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : readProperty(headers, key);
}

/**
 * One header of any framework's request, by name in any letter case: from a
 * Fetch `Headers` (its `get`), or from Node's header record (Express, Fastify,
 * Koa's `ctx.req`, a plain object). Repeated values are joined with `, `, as
 * HTTP combines them. Undefined when absent or not text.
 *
 * @example
 * requestHeader(req, 'Accept'); // 'text/html,...'
 */
export function requestHeader(request: unknown, name: string): string | undefined {
  const lower = name.toLowerCase();
  const headers = requestField(request, 'headers');
  const get = readProperty(headers, 'get');
  const value = typeof get === 'function' ? Reflect.apply(get, headers, [lower]) : fromRecord(headers, lower);
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  return undefined;
}
