import { descriptor } from '../internal/descriptor.js';
import type { AnyFunction } from '../internal/function-types.js';
import { isClass } from '../internal/is-class.js';
import { isObjectLike } from '../internal/read-property.js';
import { isPublicField } from './anonymous-marks.js';
import { isLifecycleHook } from './handler-methods.js';

/** How a class-level guard wraps one function, and how it is written in errors. */
export interface ClassGuard {
  readonly title: string;
  readonly wrap: (fn: AnyFunction) => AnyFunction;
  /** The guarded function handed out for each function a getter returned, so `obj.handler === obj.handler` holds. */
  readonly handedOut: WeakMap<AnyFunction, AnyFunction>;
}

// Getters a class-level guard put in place: they hand out guarded functions.
const guardedGetters = new WeakSet<object>();

/** True for a getter a class-level guard put in place. */
const isGuardedGetter = (get: unknown): boolean => typeof get === 'function' && guardedGetters.has(get);

// What a getter hands out is guarded when it is a function (a class is
// constructed, never called with a request, and is left as it is).
const isHandler = (value: unknown): value is AnyFunction => typeof value === 'function' && !isClass(value as AnyFunction);

/**
 * A getter that returns what `get` returns, with any function guarded: an
 * autobind-style `@boundMethod` getter hands out a bound method that must not
 * escape the class's guard. The same function always gets the same guarded
 * one, so `obj.handler === obj.handler` still holds. A getter that then
 * defines the member on the instance itself (autobind caches the bound
 * method there) has that own member guarded too.
 */
export function guardGetter(get: AnyFunction, key: PropertyKey, guard: ClassGuard): AnyFunction {
  const { handedOut } = guard;
  const guarded = function (this: unknown): unknown {
    const value: unknown = Reflect.apply(get, this, []);
    if (!isHandler(value)) return value;
    if (isObjectLike(this) && Object.hasOwn(this, key)) guardOwnMember(this, key, guard);
    let wrapped = handedOut.get(value);
    if (wrapped === undefined) {
      wrapped = guard.wrap(value);
      handedOut.set(value, wrapped);
    }
    return wrapped;
  };
  Object.defineProperty(guarded, 'name', descriptor({ value: get.name, configurable: true }));
  guardedGetters.add(guarded);
  return guarded;
}

// Member names come from the class's own code, never from a request.
function refuse(instance: object, key: PropertyKey, guard: ClassGuard): TypeError {
  const owner = (Reflect.getPrototypeOf(instance) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return new TypeError(
    `${guard.title} cannot guard ${String(owner ?? 'the instance')}.${String(key)}, a function that cannot be replaced ` +
      '(non-configurable and read-only): make it a method, or mark it @allowAnonymous() if it is meant to be public',
  );
}

/**
 * Guards the own member `key` of `instance` when it is a function, or an
 * accessor that may hand one out, unless it is marked `@allowAnonymous()` or
 * is a framework lifecycle hook. A function that cannot be replaced is a
 * TypeError naming the guard and the member.
 */
function guardOwnMember(instance: object, key: PropertyKey, guard: ClassGuard): void {
  if (isLifecycleHook(key) || isPublicField(instance, key)) return;
  // Callers name an own member. Read with no prototype: a polluted
  // Object.prototype.get must not make a field look like an accessor.
  const own = descriptor(Reflect.getOwnPropertyDescriptor(instance, key) as PropertyDescriptor);
  let replaced: PropertyDescriptor;
  if (typeof own.get === 'function') {
    if (isGuardedGetter(own.get)) return;
    replaced = descriptor({ ...own, get: guardGetter(own.get, key, guard) });
  } else if (isHandler(own.value)) {
    replaced = descriptor({ ...own, value: guard.wrap(own.value) });
  } else return;
  // Fails for a member neither configurable nor writable: the call must never reach it unguarded.
  if (!Reflect.defineProperty(instance, key, replaced)) throw refuse(instance, key, guard);
}

/**
 * Guards every function-valued own member of a new instance: arrow-function
 * fields, bound methods and functions assigned in the constructor, which
 * exist only once it has run.
 */
export function guardInstance(instance: object, guard: ClassGuard): void {
  for (const key of Reflect.ownKeys(instance)) guardOwnMember(instance, key, guard);
}
