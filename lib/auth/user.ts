import { isObjectLike, lookUp, MISSING, readProperty } from '../internal/read-property.js';

/** Gives the user a request carries, or a Promise of it (an async `getUser` makes guarded calls async). */
export type UserGetter<R = any, U = unknown> = (request: R) => U | PromiseLike<U>;

// The `'key' in object` tests use literal keys so that each keeps a small
// inline cache of the request shapes it sees: the careful lookUp runs only for
// a key that is there at all. This is the per-request path.

/**
 * The default `getUser`: `request.user` where that property exists at all
 * (passport sets it, and null after logout), else Koa's `ctx.state.user`,
 * else Hono's `c.var.user` (set by `c.set('user', ...)`).
 *
 * @example
 * configure({ getUser: (request) => sessions.userOf(request) ?? defaultGetUser(request) });
 */
export function defaultGetUser(request: unknown): unknown {
  if (!isObjectLike(request)) return undefined;
  if ('user' in request) {
    const user = Object.hasOwn(request, 'user') ? (request as { user: unknown }).user : lookUp(request, 'user');
    if (user !== MISSING) return user;
  }
  if ('state' in request) {
    const state = Object.hasOwn(request, 'state') ? (request as { state: unknown }).state : readProperty(request, 'state');
    // Koa's ctx.state is a plain object of the context's own: the user is read with literal keys, as above.
    const user = isObjectLike(state) && Object.hasOwn(state, 'user') ? (state as { user: unknown }).user : lookUp(state, 'user');
    if (user !== MISSING) return user;
  }
  return 'var' in request ? readProperty(readProperty(request, 'var'), 'user') : undefined;
}
