import { isMarkedAnonymous } from '../metadata/access-rule.js';
import { handlerMethods } from '../metadata/handler-methods.js';

type AnyFunction = (...args: never[]) => unknown;
type AnyClass = abstract new (...args: never[]) => unknown;

/**
 * Replaces each handler method of `Class` (own and inherited, but not those
 * marked `@allowAnonymous()`) by `decorate(method)`, defined on `Class`'s own
 * prototype so that a base class stays as it was.
 */
export function decorateHandlers(Class: AnyClass, decorate: (method: AnyFunction) => AnyFunction): void {
  const prototype = Class.prototype as object;
  for (const { name, method, descriptor } of handlerMethods(Class)) {
    if (isMarkedAnonymous(method)) continue;
    Object.defineProperty(prototype, name, { ...descriptor, value: decorate(method) });
  }
}
