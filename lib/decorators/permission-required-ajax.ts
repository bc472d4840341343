import type { PermissionCheck } from '../auth/has-permission.js';
import type { AuthenticationCheck } from '../auth/is-authenticated.js';
import { decideAuthenticated, forbidUnless } from '../guard/decide.js';
import { defineGuard, type GuardDecorator } from '../guard/define-guard.js';
import { type GuardOptions, readGuardOptions } from '../guard/options.js';
import { describeValue } from '../internal/describe-value.js';
import { isThenable } from '../internal/is-thenable.js';
import { assertFunction } from '../internal/validate.js';

type SyncCheck = (request: any) => boolean;
type SyncPermissionCheck = (user: any, perm: string, request: any) => boolean;

/** Options of `permissionRequiredAjax`, all optional: each overrides the app-wide setting. */
export interface PermissionRequiredAjaxOptions<
  Check extends AuthenticationCheck = AuthenticationCheck,
  Permission extends PermissionCheck = PermissionCheck,
> extends GuardOptions<Check> {
  /** [hasPermission=settings.hasPermission] Decides each permission: exactly `true` grants it. */
  readonly hasPermission?: Permission;
}

const GUARD = 'permissionRequiredAjax';

function readPerms(perms: unknown): readonly string[] {
  const list: unknown = typeof perms === 'string' ? [perms] : perms;
  if (!Array.isArray(list) || list.length === 0) {
    throw new TypeError(`${GUARD}: expected a permission name or a non-empty array of them, got ${describeValue(perms)}`);
  }
  for (const perm of list) {
    if (typeof perm !== 'string' || perm === '') {
      throw new TypeError(
        `${GUARD}: every permission must be a non-empty string such as "items.delete", got ${describeValue(perm)}`,
      );
    }
  }
  return Object.freeze([...list]);
}

// Every permission, in order, until one is missing: `true` or a Promise of it.
function holdsAll(check: PermissionCheck, user: unknown, perms: readonly string[], request: unknown, from = 0): unknown {
  for (let i = from; i < perms.length; i++) {
    const answer = check(user, perms[i] as string, request);
    if (isThenable(answer)) {
      // The last one's answer is the verdict itself: no further Promise to wait on.
      if (i === perms.length - 1) return answer;
      return Promise.resolve(answer).then((settled) => settled === true && holdsAll(check, user, perms, request, i + 1));
    }
    if (answer !== true) return false;
  }
  return true;
}

/**
 * Django's `permission_required` for AJAX views: an anonymous call gets the
 * 401 JSON of `loginRequiredAjax`, an authenticated one that lacks any of
 * the permissions gets a 403 (`"Permission denied"`, errorcode
 * `settings.errorCodes.permission`, `"PERMISSION_DENIED"` by default), and
 * the handler does not run. Each permission is decided by
 * `options.hasPermission(user, perm, request)`, else the app-wide setting,
 * else `user.hasPerm(perm)` or `user.permissions`. A check that may return a
 * Promise makes the guarded call asynchronous: the types then accept only
 * methods that return a Promise.
 *
 * @example
 * class Items {
 *   @permissionRequiredAjax('items.delete')
 *   remove(req: Request): JsonResponse { ... }
 * }
 */
export function permissionRequiredAjax(
  perms: string | readonly string[],
  options?: PermissionRequiredAjaxOptions<SyncCheck, SyncPermissionCheck>,
): GuardDecorator;
export function permissionRequiredAjax(
  perms: string | readonly string[],
  options: PermissionRequiredAjaxOptions,
): GuardDecorator<PromiseLike<unknown>>;
export function permissionRequiredAjax(
  perms: string | readonly string[],
  options?: PermissionRequiredAjaxOptions,
): GuardDecorator<unknown> {
  const required = readPerms(perms);
  const resolved = readGuardOptions<PermissionRequiredAjaxOptions>(GUARD, options, { hasPermission: assertFunction });
  const forbid = forbidUnless(resolved);
  // Read once, as the guard's other options are: they are frozen.
  const { hasPermission } = resolved;
  const decide = decideAuthenticated(resolved, (user, request, settings) =>
    forbid(holdsAll(hasPermission ?? settings.hasPermission, user, required, request), request, settings),
  );
  return defineGuard({ name: GUARD, options: resolved, decide, rule: { kind: 'permission', perms: required } });
}
