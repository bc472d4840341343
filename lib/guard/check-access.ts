import { describeValue } from '../internal/describe-value.js';
import type { JsonResponse } from '../response/json-response.js';
import { currentSettings } from '../settings.js';
import { checkOf } from './define-guard.js';
import type { PendingVerdict } from './verdict.js';
import { type GuardCheck, guardChecks, verdictOfChecks } from './wrap.js';

/** A guard's checks as one function of the request: `undefined` lets it pass, else the refusal (or a Promise of either). */
export type RequestCheck = (request: unknown) => PendingVerdict;

// The check of `guard`, or a TypeError that names `caller` for anything else.
function requireCheck(guard: unknown, caller: string): GuardCheck {
  const check = checkOf(guard);
  if (check === undefined) {
    throw new TypeError(
      `${caller}: expected a guard such as loginRequiredAjax() or permissionRequiredAjax('perm'), got ${describeValue(guard)}`,
    );
  }
  return check;
}

/**
 * Runs a guard's checks on `request` with no handler: `undefined` when the
 * request may pass, else the refusal to send; a Promise of that when a check
 * is async. The adapters' `toMiddleware` is built on it.
 *
 * @example
 * const refusal = await checkAccess(permissionRequiredAjax('reports.view'), request);
 * if (refusal !== undefined) return toResponse(refusal);
 */
export function checkAccess(
  guard: (...args: never[]) => unknown,
  request: unknown,
): JsonResponse | undefined | Promise<JsonResponse | undefined> {
  return requireCheck(guard, 'checkAccess').decide(request, currentSettings());
}

/**
 * `checkAccess` bound to one guard, checked once: what an adapter's
 * `toMiddleware(guard)` runs per request. Anything that is not a guard is a
 * TypeError naming `caller`, at start-up.
 *
 * @example
 * const check = accessCheck(guard, 'toMiddleware');
 * const refusal = await check(request);
 */
export function accessCheck(guard: unknown, caller: string): RequestCheck {
  const { decide } = requireCheck(guard, caller);
  return (request) => decide(request, currentSettings());
}

/**
 * Every check of a guarded `handler` as one function of the request, for a
 * step ahead of the handler that has the request but not the arguments the
 * handler will get. `undefined` when `handler` is not guarded, or when one
 * of its guards has a `getRequest` option of its own: only the arguments
 * tell which request that guard reads.
 *
 * @example
 * const check = handlerAccessCheck(ItemsController.prototype.list);
 * const refusal = check === undefined ? undefined : await check(request);
 */
export function handlerAccessCheck(handler: unknown): RequestCheck | undefined {
  const checks = guardChecks(handler);
  if (checks === undefined || checks.some((check) => check.getRequest !== undefined)) return undefined;
  return (request) => verdictOfChecks(handler as object, checks, () => request);
}
