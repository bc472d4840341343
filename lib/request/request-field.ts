import { readProperty } from '../internal/read-property.js';
import { fetchRequestField, isFetchRequest } from './fetch-request.js';

// A field of one request object: a Fetch Request's as a script reads it,
// any other's with `readProperty`.
function fieldOf(request: unknown, key: string): unknown {
  return isFetchRequest(request) ? fetchRequestField(request, key) : readProperty(request, key);
}

/**
 * A field of the request a handler was given: the request's own (Express,
 * Fastify, a Fetch `Request`, a plain object), else that of the request it
 * wraps as `req` (Koa's `ctx.req`, Hono's `c.req`), else that of the Fetch
 * Request Hono keeps as `raw` (`c.req.raw`). Koa's `ctx.headers` and `ctx.method`
 * are getters on plain-object prototypes, which are never read, so on Koa
 * they come from `ctx.req`.
 */
export function requestField(request: unknown, key: string): unknown {
  const value = fieldOf(request, key);
  if (value !== undefined) return value;
  const inner = readProperty(request, 'req');
  const innerValue = fieldOf(inner, key);
  return innerValue !== undefined ? innerValue : fieldOf(readProperty(inner ?? request, 'raw'), key);
}
