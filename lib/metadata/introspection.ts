import { isPublicField, isPublicMember } from '../guard/anonymous-marks.js';
import { guardSubclassOf } from '../guard/guard-subclass.js';
import { findMethod, type HandlerMethod, handlerMethods, isLifecycleHook, isRoutedClass } from '../guard/handler-methods.js';
import { type AccessRule, rulesOf } from '../guard/rules.js';
import { isGuardWrapper } from '../guard/wrap.js';
import type { AnyClass, AnyFunction } from '../internal/function-types.js';
import { isClass } from '../internal/is-class.js';
import { entryMethodOf } from './entry-method.js';

const ANONYMOUS: AccessRule = Object.freeze({ kind: 'anonymous' });

const isPublic = (prototype: object, handler: HandlerMethod): boolean =>
  isPublicMember(prototype, handler.holder, handler.key, handler.method);

/**
 * The access rules on `Class`'s method `methodName`, outermost first; or, given
 * a function alone, the rules on that function.
 *
 * @example
 * getAccessRules(ItemsController, 'remove');
 * // [{ kind: 'login' }, { kind: 'permission', perms: ['items.delete'] }]
 */
export function getAccessRules(Class: AnyClass, methodName: string | symbol): AccessRule[];
export function getAccessRules(handler: AnyFunction): AccessRule[];
export function getAccessRules(target: AnyClass | AnyFunction, methodName?: string | symbol): AccessRule[] {
  if (typeof target !== 'function') {
    throw new TypeError(`getAccessRules: expected a class or a function, got ${String(target)}`);
  }
  if (methodName === undefined) return [...rulesOf(target)];
  const prototype = target.prototype as object;
  guardSubclassOf(target as AnyClass);
  const handler = findMethod(prototype, methodName);
  if (handler === undefined) return [];
  const rules = rulesOf(handler.method);
  const claimed = rules.some((rule) => rule.kind === 'anonymous');
  if (isPublic(prototype, handler)) return claimed ? [...rules] : [ANONYMOUS, ...rules];
  // A public mark carried by a function shared from another class does not hold here.
  return claimed && !isGuardWrapper(handler.method) ? rules.filter((rule) => rule.kind !== 'anonymous') : [...rules];
}

// Methods reached only through an entry method that a guard wraps or that is
// marked public (a View's verb methods behind its `dispatch`) are covered by it.
function coveredByEntry(prototype: object): ReadonlySet<PropertyKey> {
  const declaration = entryMethodOf(prototype);
  if (declaration === undefined) return new Set();
  const entry = findMethod(prototype, declaration.entry);
  const covers = entry !== undefined && (isGuardWrapper(entry.method) || isPublic(prototype, entry));
  return covers ? new Set(declaration.reached) : new Set();
}

// What runs is what counts: a method whose outermost function is not a
// guard's wrapper (a caching decorator stacked outside the guard, which
// copied its rules) is unguarded, unless it is marked public.
function unguardedMethods(prototype: object): string[] {
  const covered = coveredByEntry(prototype);
  return handlerMethods(prototype)
    .filter((handler) => !isGuardWrapper(handler.method) && !isPublic(prototype, handler) && !covered.has(handler.key))
    .map((handler) => String(handler.key));
}

// An instance's own fields that hold a function no guard wraps: arrow
// functions, bound methods, functions assigned in the constructor.
function unguardedFields(instance: object): string[] {
  return Reflect.ownKeys(instance)
    .filter((key) => {
      const found = Reflect.getOwnPropertyDescriptor(instance, key);
      const value = found !== undefined && Object.hasOwn(found, 'value') ? found.value : undefined;
      return (
        typeof value === 'function' &&
        !isClass(value) &&
        !isGuardWrapper(value) &&
        !isLifecycleHook(key) &&
        !isPublicField(instance, key)
      );
    })
    .map(String);
}

/**
 * The names of the handlers that no guard wraps and no `@allowAnonymous()`
 * marks: given a class, its methods (inherited and symbol-named ones
 * included); given an instance, those and its function-valued own fields. A
 * test that expects none fails the build when someone adds an endpoint and
 * forgets its guard. The library's own helpers (a View's `getContextData`,
 * `renderToResponse`...) and framework lifecycle hooks are not handlers, and
 * a View's HTTP verb methods are covered when a guard wraps its `dispatch`.
 *
 * @example
 * expect(findUnguardedHandlers(ItemsController)).to.deep.equal([]);
 * expect(findUnguardedHandlers(new ItemsController())).to.deep.equal([]);
 */
export function findUnguardedHandlers(target: AnyClass | object): string[] {
  if (typeof target === 'function') {
    guardSubclassOf(target as AnyClass);
    return unguardedMethods(target.prototype as object);
  }
  if (typeof target === 'object' && target !== null) {
    const prototype = Reflect.getPrototypeOf(target);
    if (prototype === null) return unguardedFields(target);
    // A NestJS controller's fields are its own code, never a route.
    return [...unguardedMethods(prototype), ...(isRoutedClass(prototype) ? [] : unguardedFields(target))];
  }
  throw new TypeError(`findUnguardedHandlers: expected a class or an instance, got ${String(target)}`);
}
