import { isObjectLike, lookUp } from '../internal/read-property.js';

/** Decides whether `user` holds `perm`: exactly `true` grants it. */
export type PermissionCheck<U = any, R = any> = (user: U, perm: string, request: R) => boolean | PromiseLike<boolean>;

/**
 * The default permission check, as Django's `user.has_perm`: the user's own
 * `hasPerm(perm)` when it has one, else its `permissions` (an array or a Set)
 * must contain `perm`. Read as `lookUp` reads, each key tested with `in`
 * first: a literal key keeps its own small inline cache of the user shapes
 * it sees, where `lookUp`'s shared test of any key goes megamorphic.
 */
export function defaultHasPermission(user: unknown, perm: string): boolean {
  if (!isObjectLike(user)) return false;
  if ('hasPerm' in user) {
    const hasPerm = lookUp(user, 'hasPerm');
    if (typeof hasPerm === 'function') return Reflect.apply(hasPerm, user, [perm]) === true;
  }
  if (!('permissions' in user)) return false;
  // Not there (MISSING) is neither a list nor a Set: no permission.
  const permissions = Object.hasOwn(user, 'permissions')
    ? (user as { permissions: unknown }).permissions
    : lookUp(user, 'permissions');
  if (Array.isArray(permissions)) return permissions.includes(perm);
  if (permissions instanceof Set) return permissions.has(perm);
  return false;
}
