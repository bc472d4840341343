import type { AuthenticationCheck } from '../auth/is-authenticated.js';
import { decideAuthenticated, forbidUnless } from '../guard/decide.js';
import { defineGuard, type GuardDecorator } from '../guard/define-guard.js';
import { type GuardOptions, readGuardOptions } from '../guard/options.js';
import { describeValue } from '../internal/describe-value.js';

type SyncCheck = (request: any) => boolean;

/** A user test: exactly `true` lets the call through. */
export type UserTest<U = any, R = any> = (user: U, request: R) => boolean | PromiseLike<boolean>;

/** Options of `userPassesTestAjax`: those of every guard. */
export type UserPassesTestAjaxOptions<Check extends AuthenticationCheck = AuthenticationCheck> = GuardOptions<Check>;

/**
 * Django's `user_passes_test` for AJAX views: an anonymous call gets the 401
 * JSON of `loginRequiredAjax`; an authenticated one runs `test(user,
 * request)`, and anything but exactly `true` (or a Promise of it) gets a 403
 * (`"Permission denied"`). A test that may return a Promise makes the guarded
 * call asynchronous: the types then accept only methods that return a Promise.
 * The rule recorded names the test: `{ kind: 'test', test: 'isStaff' }`.
 *
 * @example
 * const isStaff = (user: User) => user.isStaff === true;
 * class Reports {
 *   @userPassesTestAjax(isStaff)
 *   list(req: Request): JsonResponse { ... }
 * }
 */
export function userPassesTestAjax(
  test: (user: any, request: any) => boolean,
  options?: UserPassesTestAjaxOptions<SyncCheck>,
): GuardDecorator;
export function userPassesTestAjax(test: UserTest, options?: UserPassesTestAjaxOptions): GuardDecorator<PromiseLike<unknown>>;
export function userPassesTestAjax(test: UserTest, options?: UserPassesTestAjaxOptions): GuardDecorator<unknown> {
  if (typeof test !== 'function') {
    throw new TypeError(`userPassesTestAjax: test must be a function (user, request) => boolean, got ${describeValue(test)}`);
  }
  const name = 'userPassesTestAjax';
  const resolved = readGuardOptions<GuardOptions>(name, options);
  const forbid = forbidUnless(resolved);
  const decide = decideAuthenticated(resolved, (user, request, settings) =>
    forbid(Reflect.apply(test, undefined, [user, request]), request, settings),
  );
  return defineGuard({ name, options: resolved, decide, rule: { kind: 'test', test: test.name || 'anonymous' } });
}
