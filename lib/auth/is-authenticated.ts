import { isObjectLike, lookUp, MISSING, readProperty } from './read-property.js';

/** Decides whether a request is authenticated: exactly `true` lets it through. */
export type AuthenticationCheck<R = any> = (request: R) => boolean | PromiseLike<boolean>;

// The `'key' in object` tests below use literal keys so that each keeps a
// small inline cache of the request shapes it sees: the careful lookUp runs
// only for a key that is there at all. This is the per-request path.

/**
 * The user a request carries: `request.user` where that property exists at
 * all (passport sets it, and null after logout), else Koa's `ctx.state.user`,
 * else Hono's `c.var.user` (what `c.set('user', ...)` set).
 */
export function userOf(request: unknown): unknown {
  if (!isObjectLike(request)) return undefined;
  if ('user' in request) {
    const user = Object.hasOwn(request, 'user') ? (request as { user: unknown }).user : lookUp(request, 'user');
    if (user !== MISSING) return user;
  }
  if ('state' in request) return readProperty(readProperty(request, 'state'), 'user');
  // Hono's `var` is a getter on the Context class that copies the variables
  // into a fresh object: read once, and only where it exists.
  return 'var' in request ? readProperty(readProperty(request, 'var'), 'user') : undefined;
}

// A user object proves itself unless it says otherwise: a Django-style
// `isAuthenticated`/`is_authenticated` flag (or method) must be exactly true.
// Any other value there (a string, a Promise) is doubt, and doubt denies; so
// does a flag the chain shows but no own or class property holds (a plain
// prototype's, a polluted Object.prototype's, a lying Proxy's).
function userSaysAuthenticated(user: object, flag: string): boolean {
  const value = lookUp(user, flag);
  if (value === MISSING) return false;
  if (value === undefined) return true;
  if (typeof value === 'function') return Reflect.apply(value, user, []) === true;
  return value === true;
}

/** True when `user` is an object whose authentication flags, if any, are all true. */
export function isAuthenticatedUser(user: unknown): boolean {
  return (
    typeof user === 'object' &&
    user !== null &&
    (!('isAuthenticated' in user) || userSaysAuthenticated(user, 'isAuthenticated')) &&
    (!('is_authenticated' in user) || userSaysAuthenticated(user, 'is_authenticated'))
  );
}

/**
 * The default authentication check, with no configuration needed for passport
 * (Express, Fastify), koa-passport and JWT plugins that set `request.user`:
 * 1. a callable `request.isAuthenticated` decides, and only `true` (not a Promise) passes;
 * 2. else the user (`request.user`, else `request.state.user`, else Hono's `c.var.user`) must be an authenticated object;
 * 3. else the request is anonymous.
 *
 * @example
 * configure({ isAuthenticated: (req) => hasApiKey(req) || defaultIsAuthenticated(req) });
 */
export function defaultIsAuthenticated(request: unknown): boolean {
  if (!isObjectLike(request)) return false;
  const check = 'isAuthenticated' in request ? readProperty(request, 'isAuthenticated') : undefined;
  if (typeof check === 'function') return Reflect.apply(check, request, []) === true;
  return isAuthenticatedUser(userOf(request));
}
