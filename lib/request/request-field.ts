import { readProperty } from '../internal/read-property.js';

/**
 * A field of the request a handler was given, read with `readProperty`: the
 * request's own (Express, Fastify, a Fetch `Request`, a plain object), else
 * that of the Node request it wraps as `req`. Koa's `ctx.headers` and
 * `ctx.method` are getters on plain-object prototypes, which are never read,
 * so on Koa they come from `ctx.req`.
 */
export function requestField(request: unknown, key: string): unknown {
  const value = readProperty(request, key);
  return value !== undefined ? value : readProperty(readProperty(request, 'req'), key);
}
