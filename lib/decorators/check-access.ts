import { describeValue } from '../response/header-value.js';
import type { JsonResponse } from '../response/json-response.js';
import type { Gate } from './gate.js';
import type { GuardDecorator } from './guard-decorator.js';

// Each guard decorator's gate, set where the decorator is built: only a real
// guard opens, and nothing on the decorator itself can be swapped by a caller.
const gates = new WeakMap<object, Gate>();

/** Records the gate that decides for `decorator`. */
export function registerGate(decorator: object, gate: Gate): void {
  gates.set(decorator, gate);
}

/**
 * The gate of a guard decorator (what `loginRequiredAjax()` and its family
 * return); anything else is a TypeError that names `caller`.
 */
export function gateOf(guard: unknown, caller: string): Gate {
  const gate = typeof guard === 'function' ? gates.get(guard) : undefined;
  if (gate === undefined) {
    throw new TypeError(
      `${caller} needs a guard such as loginRequiredAjax() or permissionRequiredAjax('app.perm'), got ${describeValue(guard)}`,
    );
  }
  return gate;
}

/**
 * Runs a guard's checks for one request with no handler: `undefined` when
 * the request may pass, else the refusal the guard answers. A Promise of
 * that when a check is asynchronous; a check that throws or rejects passes
 * its error on (fail closed). What each adapter's `toMiddleware` builds on.
 *
 * @example
 * const refusal = await checkAccess(loginRequiredAjax(), request);
 * if (refusal) return toResponse(refusal);
 */
export function checkAccess(
  guard: GuardDecorator<any>,
  request: unknown,
): JsonResponse | undefined | Promise<JsonResponse | undefined> {
  return gateOf(guard, 'checkAccess')(request);
}
