import { descriptor } from '../internal/descriptor.js';
import type { AnyClass } from '../internal/function-types.js';
import { isPublicMember } from './anonymous-marks.js';
import { type ClassGuard, guardGetter, guardInstance } from './guard-instance.js';
import { guardSubclass, recordGuardedClass } from './guard-subclass.js';
import { classAccessors, handlerMethods, isRoutedClass } from './handler-methods.js';
import { replaceClass } from './replace-class.js';

// Guards an instance once made: its fields, and its class when its
// constructor returned an object of another class.
function guardMade(instance: object, guard: ClassGuard): void {
  guardSubclass(Reflect.getPrototypeOf(instance));
  guardInstance(instance, guard);
}

// An instance the class made before its decorator ran: legacy decorators run
// after static fields are set (`static readonly instance = new Items()`).
function guardMadeInstances(Class: AnyClass, guard: ClassGuard): void {
  for (const key of Reflect.ownKeys(Class)) {
    const value: unknown = Reflect.getOwnPropertyDescriptor(Class, key)?.value;
    if (typeof value === 'object' && value !== null && value instanceof Class) guardMade(value, guard);
  }
}

/**
 * Guards everything an instance of `Class` can hand a caller: each handler
 * method (own and inherited, symbol-named too), each accessor's getter (it
 * may hand out a bound method), and, through the class it returns in place
 * of `Class`, each function-valued instance field and the members of each
 * subclass (see guardSubclass). Members marked `@allowAnonymous()` (on
 * `Class`, in its standard-decorator `metadata` while its class decorator
 * runs) and framework lifecycle hooks are left alone, and so is all but the
 * routes and message handlers of a NestJS controller. The wrappers are
 * defined on `Class`'s own prototype, so a base class stays as it was.
 */
export function guardClass<C extends AnyClass>(Class: C, guard: ClassGuard, metadata?: object): C {
  const prototype = Class.prototype as object;
  // First the guards of the guarded classes it extends, then its own.
  guardSubclass(prototype, metadata);
  recordGuardedClass(prototype, guard);
  for (const { key, holder, method, descriptor: found } of handlerMethods(prototype)) {
    if (isPublicMember(prototype, holder, key, method, metadata)) continue;
    Object.defineProperty(prototype, key, descriptor({ ...found, value: guard.wrap(method) }));
  }
  // A NestJS controller's getters and fields are its own code, never a route (see isRoutedClass).
  // A subclass's methods are guarded before the constructor runs, which may already hand them out.
  const beforeConstruct = (target: AnyClass) => guardSubclass(target.prototype as object);
  if (isRoutedClass(prototype)) return replaceClass(Class, () => undefined, beforeConstruct);
  for (const { key, holder, descriptor: found } of classAccessors(prototype)) {
    const get = found.get as (...args: never[]) => unknown;
    if (isPublicMember(prototype, holder, key, get, metadata)) continue;
    Object.defineProperty(prototype, key, descriptor({ ...found, get: guardGetter(get, key, guard) }));
  }
  guardMadeInstances(Class, guard);
  return replaceClass(Class, (instance) => guardMade(instance, guard), beforeConstruct);
}
