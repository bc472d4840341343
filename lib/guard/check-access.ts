import { describeValue } from '../internal/describe-value.js';
import type { JsonResponse } from '../response/json-response.js';
import { currentSettings } from '../settings.js';
import { checkOf } from './define-guard.js';

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
  const check = checkOf(guard);
  if (check === undefined) {
    throw new TypeError(
      `checkAccess: expected a guard such as loginRequiredAjax() or permissionRequiredAjax('perm'), got ${describeValue(guard)}`,
    );
  }
  return check.decide(request, currentSettings());
}
