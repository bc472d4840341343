import type { AnyClass, AnyFunction } from '../internal/function-types.js';
import { handlerMethods } from './handler-methods.js';
import { isMarkedAnonymous } from './rules.js';

/**
 * Replaces each handler method of `Class` (own and inherited, but not those
 * marked `@allowAnonymous()`) by `wrap(method)`, defined on `Class`'s own
 * prototype so that a base class stays as it was.
 */
export function wrapClassHandlers(Class: AnyClass, wrap: (method: AnyFunction) => AnyFunction): void {
  const prototype = Class.prototype as object;
  for (const { name, method, descriptor } of handlerMethods(Class)) {
    if (isMarkedAnonymous(method)) continue;
    Object.defineProperty(prototype, name, { ...descriptor, value: wrap(method) });
  }
}
