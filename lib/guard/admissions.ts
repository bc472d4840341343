/**
 * Requests a step ahead of the handler already put to every check of one
 * guarded handler, and admitted: when the framework then calls that handler
 * with that request, asking the checks again would only repeat their work
 * (an async check would ask its store twice). An admission names the exact
 * request object and the exact handler, so no other guarded function that
 * sees the request, and no other request, is let through by it.
 */
const admitted = new WeakMap<object, object>();

/** Records that `request` passed every check of `handler`. */
export function admit(request: object, handler: object): void {
  admitted.set(request, handler);
}

/** True when `request` was admitted for `handler`. */
export function isAdmitted(request: unknown, handler: object): boolean {
  return typeof request === 'object' && request !== null && admitted.get(request) === handler;
}
