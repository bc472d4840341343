import type { AnyFunction } from './function-types.js';

// Classes the library put in place of a decorated one (see lib/guard/replace-class.ts).
const replacements = new WeakSet<object>();

/** Records `fn` as a class the library made in place of a decorated class. */
export function registerReplacementClass(fn: object): void {
  replacements.add(fn);
}

/** True when `Class` constructs through a class the library made: it is one, or extends one. */
export function constructsThroughReplacement(Class: object): boolean {
  for (let at: object | null = Class; at !== null; at = Reflect.getPrototypeOf(at)) {
    if (replacements.has(at)) return true;
  }
  return false;
}

/**
 * True for a class: one written with `class` syntax, or one the library put
 * in its place. A method named `class` (whose source also starts "class") has
 * no own `prototype`, and is no class.
 *
 * @example
 * isClass(class Items {}); // true
 * isClass(() => 1);        // false
 */
export function isClass(fn: AnyFunction): boolean {
  if (replacements.has(fn)) return true;
  return Object.hasOwn(fn, 'prototype') && /^class\b/.test(Function.prototype.toString.call(fn));
}
