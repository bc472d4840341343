import 'reflect-metadata';
import type { AnyClass } from '../internal/function-types.js';

/** Methods of a class that are reached only through one entry method. */
export interface EntryMethod {
  /** The method callers reach, such as a View's `dispatch`. */
  readonly entry: string;
  /** The methods only `entry` calls, such as a View's HTTP verb methods. */
  readonly reached: readonly string[];
}

// On the prototype, so that every subclass inherits the declaration.
const ENTRY = 'ajax-guard:entry-method';

/**
 * Declares that on `Class` and its subclasses the methods `reached` are
 * called only through `entry`: when `entry` carries access rules, those
 * methods are covered by them and `findUnguardedHandlers` does not list them.
 */
export function declareEntryMethod(Class: AnyClass, entry: string, reached: readonly string[]): void {
  Reflect.defineMetadata(ENTRY, Object.freeze({ entry, reached: Object.freeze([...reached]) }), Class.prototype as object);
}

/** The nearest entry-method declaration on `Class`'s prototype chain, if any. */
export function entryMethodOf(Class: AnyClass): EntryMethod | undefined {
  return Reflect.getMetadata(ENTRY, Class.prototype as object) as EntryMethod | undefined;
}
