import { createHash, timingSafeEqual } from 'node:crypto';

/** A user as the session and the guards see it: never with a password. */
export interface User {
  readonly id: number;
  readonly username: string;
  /**
   * What this user may do, read by ajax-guard's default permission check
   * (Django's `user.has_perm`): `@permissionRequiredAjax('items.delete')`.
   */
  readonly permissions: readonly string[];
}

interface Account {
  readonly user: User;
  readonly password: string;
}

// The demo's two accounts, each with its name as password. A real app keeps
// only a slow salted hash (scrypt, argon2), in a database.
const ACCOUNTS: readonly Account[] = [
  { user: { id: 1, username: 'alice', permissions: ['items.delete'] }, password: 'alice' },
  { user: { id: 2, username: 'bob', permissions: [] }, password: 'bob' },
].map((account) => Object.freeze({ ...account, user: Object.freeze({ ...account.user }) }));

// Equal-length digests, so the comparison takes the same time however much of a guess is right.
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * The user with this username and password, or `undefined`: what passport's
 * local strategy asks for.
 *
 * @example
 * verifyPassword('alice', 'alice'); // { id: 1, username: 'alice', permissions: ['items.delete'] }
 */
export function verifyPassword(username: string, password: string): User | undefined {
  const account = ACCOUNTS.find((candidate) => candidate.user.username === username);
  const matches = timingSafeEqual(digest(password), digest(account?.password ?? ''));
  return account !== undefined && matches ? account.user : undefined;
}

/** The user a session refers to by id, or `undefined` when there is none. */
export function findUserById(id: unknown): User | undefined {
  return ACCOUNTS.find((account) => account.user.id === id)?.user;
}
