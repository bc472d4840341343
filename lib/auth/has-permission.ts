import { readProperty } from '../internal/read-property.js';

/** Decides whether `user` holds `perm`: exactly `true` grants it. */
export type PermissionCheck<U = any, R = any> = (user: U, perm: string, request: R) => boolean | PromiseLike<boolean>;

/**
 * The default permission check, as Django's `user.has_perm`: the user's own
 * `hasPerm(perm)` when it has one, else its `permissions` (an array or a Set)
 * must contain `perm`.
 */
export function defaultHasPermission(user: unknown, perm: string): boolean {
  const hasPerm = readProperty(user, 'hasPerm');
  if (typeof hasPerm === 'function') return Reflect.apply(hasPerm, user, [perm]) === true;
  const permissions = readProperty(user, 'permissions');
  if (Array.isArray(permissions)) return permissions.includes(perm);
  if (permissions instanceof Set) return permissions.has(perm);
  return false;
}
