// The apps' users, and who a request's `user` cookie names.

/** A signed-in user and the permissions it holds. */
export interface User {
  readonly name: string;
  readonly permissions: readonly string[];
}

// A Map, not an object literal: a cookie naming `__proto__` finds nobody.
const USERS = new Map<string, User>([
  ['alice', { name: 'alice', permissions: ['reports.view'] }],
  ['bob', { name: 'bob', permissions: [] }],
]);

/** The user a `Cookie` header's `user` cookie names, if any. */
export function userFromCookie(cookie: string | null | undefined): User | undefined {
  const name = /(?:^|;\s*)user=([^;]*)/.exec(cookie ?? '')?.[1];
  return name === undefined ? undefined : USERS.get(name);
}
