import type { JsonResponse } from '../response/json-response.js';

/**
 * A guard's decision for one call, given the request: `undefined` lets the
 * handler run, a JsonResponse refuses it. Synchronous unless a check is async.
 */
export type Gate = (request: unknown) => JsonResponse | undefined | Promise<JsonResponse | undefined>;

/** True for a Promise or any other thenable a user's check may return. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Runs gates in order; the first refusal wins. */
export function sequence(gates: readonly Gate[]): Gate {
  const runFrom = (index: number, request: unknown): ReturnType<Gate> => {
    for (let i = index; i < gates.length; i++) {
      const verdict = (gates[i] as Gate)(request);
      if (verdict instanceof Promise) {
        return verdict.then((settled) => (settled === undefined ? runFrom(i + 1, request) : settled));
      }
      if (verdict !== undefined) return verdict;
    }
    return undefined;
  };
  return (request) => runFrom(0, request);
}
