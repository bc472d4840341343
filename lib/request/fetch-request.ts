import { readProperty } from '../internal/read-property.js';

// Absent only on runtimes with no Fetch API at all, where no request is one.
const FetchRequest: typeof Request | undefined = globalThis.Request;
const FETCH_FIELDS = new Set(['headers', 'method', 'url']);

/**
 * True for a Fetch `Request`, the runtime's own or one that inherits from it,
 * as @hono/node-server's lightweight request does: its getters sit on a plain
 * object placed in front of `Request.prototype`, which `readProperty` never
 * trusts, and `Request.prototype`'s own getters refuse it as their receiver.
 */
export function isFetchRequest(value: unknown): value is Request {
  return FetchRequest !== undefined && value instanceof FetchRequest;
}

/**
 * `headers`, `method` or `url` of a Fetch Request, read as any script reads
 * them. `Request.prototype` itself holds all three, so the lookup ends there
 * at the latest and never reaches `Object.prototype`; any other field is
 * read with `readProperty`.
 *
 * @example
 * fetchRequestField(c.req.raw, 'method'); // 'GET'
 */
export function fetchRequestField(request: Request, key: string): unknown {
  return FETCH_FIELDS.has(key) ? request[key as 'headers' | 'method' | 'url'] : readProperty(request, key);
}
