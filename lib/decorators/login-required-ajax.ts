import type { AuthenticationCheck } from '../auth/is-authenticated.js';
import { decideAuthenticated } from '../guard/decide.js';
import { defineGuard, type GuardDecorator } from '../guard/define-guard.js';
import { type GuardOptions, readGuardOptions } from '../guard/options.js';

type SyncCheck = (request: any) => boolean;

/** Options of `loginRequiredAjax`, all optional: each overrides the app-wide setting. */
export type LoginRequiredAjaxOptions<Check extends AuthenticationCheck = AuthenticationCheck> = GuardOptions<Check>;

/**
 * Django's `login_required_ajax`: an anonymous call gets a 401 JSON response
 * and the handler does not run. Works on a method (legacy or TC39
 * decorators), on a class (every handler method but `@allowAnonymous()`
 * ones) and around a plain function.
 *
 * An `isAuthenticated` that may return a Promise makes every guarded call
 * asynchronous: the types then accept only methods that return a Promise.
 *
 * @example
 * class Items {
 *   @loginRequiredAjax()
 *   list(req: Request): JsonResponse { return jsonResponse({ items: [] }); }
 * }
 */
export function loginRequiredAjax(options?: LoginRequiredAjaxOptions<SyncCheck>): GuardDecorator;
export function loginRequiredAjax(options: LoginRequiredAjaxOptions): GuardDecorator<PromiseLike<unknown>>;
export function loginRequiredAjax(options?: LoginRequiredAjaxOptions): GuardDecorator<unknown> {
  const name = 'loginRequiredAjax';
  const resolved = readGuardOptions<GuardOptions>(name, options);
  return defineGuard({ name, options: resolved, decide: decideAuthenticated(resolved), rule: { kind: 'login' } });
}
