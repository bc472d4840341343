import { AsyncLocalStorage } from 'node:async_hooks';

// The request Nest is serving, for every call made while it serves it. A
// controller method's parameters are Nest's to choose (`@Param('id')`,
// `@Body()`, a custom decorator...), so the request cannot be looked for
// among them; an async local store follows the request through guards,
// pipes, interceptors and the handler, each awaited step included.
const scope = new AsyncLocalStorage<object>();

/**
 * Runs `next`, the rest of Nest's handling of `request`, with `request` as
 * the current request.
 */
export function serveWithin(request: object, next: () => void): void {
  scope.run(request, next);
}

/**
 * The `getRequest` setting `AjaxGuardModule` installs: the request Nest is
 * serving, else (a unit test calling a controller method, no Nest around)
 * the first argument, as everywhere else.
 *
 * @example
 * configure({ getRequest: nestRequest });
 */
export function nestRequest(args: ArrayLike<unknown>): unknown {
  return scope.getStore() ?? args[0];
}
