import { readProperty } from '../internal/read-property.js';
import { isFetchRequest } from '../request/fetch-request.js';
import { defaultGetRequest, type RequestGetter } from '../settings.js';

/**
 * True for what a parser builds from a body, a query string or a form (and
 * for primitives such as a route parameter): data an anonymous caller chose,
 * which must never be read as a request.
 */
export function isPlainData(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return true;
  const prototype = Reflect.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

// Node's IncomingMessage (Express's req, Koa's ctx.req, Fastify's request.raw)
// or http2's request: a readable stream. Its `pipe` is a function, which no
// body can carry, so that a body made into a class instance with
// `httpVersion` and `method` fields of its own is still no request.
function isNodeRequest(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof readProperty(value, 'httpVersion') === 'string' &&
    typeof readProperty(value, 'method') === 'string' &&
    typeof readProperty(value, 'pipe') === 'function'
  );
}

/**
 * True for what a framework hands a handler: a Node request, a Fetch Request,
 * or an object that wraps one as `req` or `raw` (Koa's ctx, Fastify's
 * request, Hono's Context, whose `req.raw` is the Fetch Request).
 */
export function isFrameworkRequest(value: unknown): boolean {
  if (isPlainData(value)) return false;
  if (isNodeRequest(value) || isFetchRequest(value)) return true;
  const inner = readProperty(value, 'req');
  const raw = readProperty(value, 'raw');
  return isNodeRequest(inner) || isNodeRequest(raw) || isFetchRequest(raw) || isFetchRequest(readProperty(inner, 'raw'));
}

// Names positions only: the misplaced value is request data, never quoted.
function misplaced(title: string, found: number, request: number): TypeError {
  const source = found === -1 ? 'the value getRequest returned' : `argument ${found + 1}`;
  return new TypeError(
    `${title} read ${source} of the handler as its request, but argument ${request + 1} is the framework's ` +
      `request: set getRequest, e.g. { getRequest: (args) => args[${request}] } on the guard or in configure()`,
  );
}

/**
 * The request among a handler's arguments: `getRequest(args)`, the first
 * argument by default. Fails closed when another argument is the
 * framework's request and the one taken is not: a parsed body (plain data,
 * or a class instance a validator made of it), a query, a route parameter.
 * A body an anonymous caller sends must never authenticate anyone. A
 * `getRequest` the app wrote is trusted unless it picks plain data.
 */
export function locateRequest(args: ArrayLike<unknown>, getRequest: RequestGetter, title: string): unknown {
  const byDefault = getRequest === defaultGetRequest;
  const request = byDefault ? args[0] : getRequest(Array.prototype.slice.call(args));
  if (args.length < 2 || (byDefault ? isFrameworkRequest(request) : !isPlainData(request))) return request;
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== request && isFrameworkRequest(args[i]))
      throw misplaced(title, Array.prototype.indexOf.call(args, request), i);
  }
  return request;
}
