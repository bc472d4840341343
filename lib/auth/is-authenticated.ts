import { lookUp, MISSING, readProperty } from './read-property.js';

/** Decides whether a request is authenticated: exactly `true` lets it through. */
export type AuthenticationCheck<R = any> = (request: R) => boolean | PromiseLike<boolean>;

/**
 * The user a request carries: `request.user` where that property exists at
 * all (passport sets it, and null after logout), else Koa's `ctx.state.user`.
 */
export function userOf(request: unknown): unknown {
  const user = lookUp(request, 'user');
  if (user !== MISSING) return user;
  return readProperty(readProperty(request, 'state'), 'user');
}

// A user object proves itself unless it says otherwise: a Django-style
// `isAuthenticated`/`is_authenticated` flag (or method) must be exactly true.
// Any other value there (a string, a Promise) is doubt, and doubt denies.
function userSaysAuthenticated(user: object, flag: string): boolean {
  const value = readProperty(user, flag);
  if (value === undefined) return true;
  if (typeof value === 'function') return Reflect.apply(value, user, []) === true;
  return value === true;
}

/** True when `user` is an object whose authentication flags, if any, are all true. */
export function isAuthenticatedUser(user: unknown): boolean {
  return (
    typeof user === 'object' &&
    user !== null &&
    userSaysAuthenticated(user, 'isAuthenticated') &&
    userSaysAuthenticated(user, 'is_authenticated')
  );
}

/**
 * The default authentication check, with no configuration needed for passport
 * (Express, Fastify), koa-passport and JWT plugins that set `request.user`:
 * 1. a callable `request.isAuthenticated` decides, and only `true` (not a Promise) passes;
 * 2. else the user (`request.user`, else `request.state.user`) must be an authenticated object;
 * 3. else the request is anonymous.
 *
 * @example
 * configure({ isAuthenticated: (req) => hasApiKey(req) || defaultIsAuthenticated(req) });
 */
export function defaultIsAuthenticated(request: unknown): boolean {
  const check = readProperty(request, 'isAuthenticated');
  if (typeof check === 'function') return Reflect.apply(check, request, []) === true;
  return isAuthenticatedUser(userOf(request));
}
