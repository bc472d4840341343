import { isThenable } from '../decorators/gate.js';

/**
 * Runs `then` on what a handler returned: at once for a plain value, so that
 * a synchronous handler is answered synchronously (no Promise, no microtask),
 * and once settled for a Promise or other thenable (a Fastify reply is one).
 *
 * @example
 * return whenSettled(fn(req, res), (value) => answer(res, value));
 */
export function whenSettled<R>(value: unknown, then: (settled: unknown) => R): R | Promise<R> {
  return isThenable(value) ? Promise.resolve(value).then(then) : then(value);
}
