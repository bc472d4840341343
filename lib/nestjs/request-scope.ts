import { AsyncLocalStorage } from 'node:async_hooks';
import { configure, currentSettings, defaultGetRequest } from '../settings.js';

// The request Nest is serving, for every call made while it serves it. A
// controller method's parameters are Nest's to choose (`@Param('id')`,
// `@Body()`, a custom decorator...), so the request cannot be looked for
// among them; an async local store follows the request through guards,
// pipes, interceptors and the handler, each awaited step included.
const scope = new AsyncLocalStorage<object>();

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

/**
 * Runs `next`, the rest of Nest's handling of `request`, with `request` as
 * the current request. An app that imported the module reads Nest's request
 * by default: when `resetSettings()` (a test suite's afterEach, say) has put
 * the first-argument default back, the lookup is put back in its place; a
 * `getRequest` the app set itself is left alone.
 */
export function serveWithin(request: object, next: () => void): void {
  if (currentSettings().getRequest === defaultGetRequest) configure({ getRequest: nestRequest });
  scope.run(request, next);
}
