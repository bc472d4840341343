import { descriptor } from '../internal/descriptor.js';
import type { AnyClass, AnyFunction } from '../internal/function-types.js';
import { constructsThroughReplacement } from '../internal/is-class.js';
import { isPublicMember } from './anonymous-marks.js';
import { type ClassGuard, guardGetter } from './guard-instance.js';
import { type ClassMember, classAccessors, handlerMethods, isRoutedClass } from './handler-methods.js';

/**
 * A class-level guard covers the subclasses of the class it decorates: an
 * instance of a subclass is an instance of the guarded class, and a method
 * the subclass adds or overrides is an endpoint that the guard's fail-closed
 * default must cover (`class ItemsController extends SignedInController`).
 * JavaScript says nothing when a class is extended, so a subclass is guarded
 * when it is first met: when its first instance is made (before the guarded
 * class's constructor runs), when it is decorated itself, or when it is
 * introspected. A class that extends the original of a class the plain
 * function form replaced never constructs through the guard: introspection
 * leaves it as it is and reports its methods.
 */

// The prototype of each class a class-level guard decorated, to its guards.
const guardedPrototypes = new WeakMap<object, ClassGuard[]>();
// Prototypes whose own members below the nearest guarded class are guarded.
const covered = new WeakSet<object>();

/** Records that `guard` decorated the class whose prototype is `prototype`. */
export function recordGuardedClass(prototype: object, guard: ClassGuard): void {
  const guards = guardedPrototypes.get(prototype);
  if (guards === undefined) guardedPrototypes.set(prototype, [guard]);
  else guards.push(guard);
}

// The prototypes from `prototype` up to, not including, its nearest guarded
// ancestor, and the guards of every guarded ancestor, nearest first.
function belowGuardedAncestors(prototype: object): { readonly below: Set<object>; readonly guards: ClassGuard[] } {
  const below = new Set<object>();
  const guards: ClassGuard[] = [];
  for (let at: object | null = prototype; at !== null; at = Reflect.getPrototypeOf(at)) {
    const own = guardedPrototypes.get(at);
    if (own !== undefined) guards.push(...own);
    else if (guards.length === 0) below.add(at);
  }
  return { below, guards };
}

// Every guard in turn, the nearest ancestor's outermost, as if each subclass had been decorated with them.
const wrapAll = (guards: readonly ClassGuard[], fn: AnyFunction): AnyFunction =>
  guards.reduceRight((wrapped, guard) => guard.wrap(wrapped), fn);

/**
 * Guards the members that the class of `prototype`, or a class between it
 * and its nearest guarded ancestor, defines: methods (in a NestJS
 * controller, its routes only) and accessors, with the guards of every
 * guarded ancestor, unless marked `@allowAnonymous()`. Once per class; a
 * class with no guarded ancestor is left as it is. Its function-valued
 * instance fields are set after the guarded class's constructor has
 * returned, out of reach: `findUnguardedHandlers` names them. `metadata` is
 * the class's standard-decorator metadata while its own class decorator
 * runs, before the class carries it.
 */
export function guardSubclass(prototype: object | null, metadata?: object): void {
  // A constructor may return an object with no prototype: no class to guard.
  if (prototype === null || covered.has(prototype)) return;
  covered.add(prototype);
  const { below, guards } = belowGuardedAncestors(prototype);
  if (guards.length === 0 || below.size === 0) return;
  const definedBelow = (member: ClassMember): boolean => below.has(member.holder);
  for (const { key, holder, method, descriptor: found } of handlerMethods(prototype).filter(definedBelow)) {
    if (isPublicMember(prototype, holder, key, method, metadata)) continue;
    Object.defineProperty(prototype, key, descriptor({ ...found, value: wrapAll(guards, method) }));
  }
  if (isRoutedClass(prototype)) return;
  for (const { key, holder, descriptor: found } of classAccessors(prototype).filter(definedBelow)) {
    const get = found.get as AnyFunction;
    if (isPublicMember(prototype, holder, key, get, metadata)) continue;
    const guarded = guards.reduceRight((inner, guard) => guardGetter(inner, key, guard), get);
    Object.defineProperty(prototype, key, descriptor({ ...found, get: guarded }));
  }
}

/**
 * For introspection: guards `Class` now, as its first instance would, when
 * its instances are made through a guarded class's constructor (a subclass
 * nothing was made of yet); otherwise leaves it as it is, so that what is
 * reported is what runs.
 */
export function guardSubclassOf(Class: AnyClass): void {
  if (constructsThroughReplacement(Class)) guardSubclass(Class.prototype as object);
}
