/**
 * Requests as a handler's first argument receives them in a unit test: plain
 * objects shaped like what passport, koa-passport or a JWT plugin leave behind.
 */

/** A caller nobody has signed in. */
export const anonymousRequest = (): Record<string, unknown> => ({});

/** A caller passport has signed in: `request.user` is the user object. */
export const signedInRequest = (user: object = { id: 1, name: 'alice' }): Record<string, unknown> => ({ user });
