import { isObjectLike, lookUp, readProperty } from '../internal/read-property.js';
import { defaultGetUser } from './user.js';

/** Decides whether a request is authenticated: exactly `true` lets it through. */
export type AuthenticationCheck<R = any> = (request: R) => boolean | PromiseLike<boolean>;

// A Django-style `isAuthenticated`/`is_authenticated` flag (or method) must be
// exactly true. Present as anything else (undefined included: a class field
// declared but never set) is doubt, and doubt denies; so does a flag the chain
// shows but no own or class property holds (a plain prototype's, a polluted
// Object.prototype's, a lying Proxy's).
function flagSaysAuthenticated(user: object, flag: string): boolean {
  const value = lookUp(user, flag);
  if (typeof value === 'function') return Reflect.apply(value, user, []) === true;
  return value === true;
}

// Objects that are values, not users: a forgotten `await` (a Promise), a list,
// a boxed primitive (`new Boolean(false)` is an object), a date, an error
// someone stored where the user goes. A plain object (what a session store or
// a token decoder gives) can only be a thenable, so it skips the class checks.
function isValueObject(user: object): boolean {
  if (typeof (user as { then?: unknown }).then === 'function') return true;
  const prototype = Reflect.getPrototypeOf(user);
  if (prototype === Object.prototype || prototype === null) return false;
  return (
    Array.isArray(user) ||
    user instanceof Error ||
    user instanceof Date ||
    user instanceof Boolean ||
    user instanceof Number ||
    user instanceof String ||
    user instanceof Symbol ||
    user instanceof BigInt
  );
}

/**
 * True when `user` is an object that can be a user, whose authentication
 * flags, where it has any, are exactly true. Primitives (`0`, `''`,
 * `'alice'`) never are.
 *
 * @example
 * isAuthenticatedUser({ id: 1 });                        // true
 * isAuthenticatedUser({ id: 1, isAuthenticated: false }); // false
 * isAuthenticatedUser(Promise.resolve({ id: 1 }));       // false: await it first
 */
export function isAuthenticatedUser(user: unknown): boolean {
  return (
    typeof user === 'object' &&
    user !== null &&
    !isValueObject(user) &&
    (!('isAuthenticated' in user) || flagSaysAuthenticated(user, 'isAuthenticated')) &&
    (!('is_authenticated' in user) || flagSaysAuthenticated(user, 'is_authenticated'))
  );
}

/**
 * What the request itself says through a callable `isAuthenticated` (passport
 * on Express and Fastify, koa-passport): `true` only when it returns exactly
 * `true`, `false` for any other answer, undefined when it has none.
 */
export function requestSaysAuthenticated(request: unknown): boolean | undefined {
  if (!isObjectLike(request) || !('isAuthenticated' in request)) return undefined;
  const check = readProperty(request, 'isAuthenticated');
  return typeof check === 'function' ? Reflect.apply(check, request, []) === true : undefined;
}

/**
 * The default authentication check, with no configuration needed for passport
 * (Express, Fastify), koa-passport, Hono and JWT plugins that set the user:
 * 1. a callable `request.isAuthenticated` decides, and only `true` (not a Promise) passes;
 * 2. else the user (`defaultGetUser`; a guard uses the `getUser` setting) must pass `isAuthenticatedUser`;
 * 3. else the request is anonymous.
 *
 * @example
 * configure({ isAuthenticated: (req) => hasApiKey(req) || defaultIsAuthenticated(req) });
 */
export function defaultIsAuthenticated(request: unknown): boolean {
  return requestSaysAuthenticated(request) ?? isAuthenticatedUser(defaultGetUser(request));
}
