import { descriptor } from '../internal/descriptor.js';
import type { AnyClass } from '../internal/function-types.js';
import { registerReplacementClass } from '../internal/is-class.js';
import { keepIdentity } from './rules.js';

/**
 * A class that constructs exactly as `Class` does and then hands each new
 * instance to `onInstance`: instance fields exist only once the constructor
 * has run, so this is where a class-level guard can reach them. Before
 * that, `beforeConstruct` is given the class being constructed (`Class`, or
 * a subclass), whose methods `Class`'s constructor may already use. It is
 * `Class` in every other respect: the same prototype (so `instanceof`, the
 * methods and `prototype.constructor` hold), the same static side (inherited),
 * the same name, length and reflect-metadata (NestJS's `design:paramtypes`).
 */
export function replaceClass<C extends AnyClass>(
  Class: C,
  onInstance: (instance: object) => void,
  beforeConstruct: (target: AnyClass) => void,
): C {
  const Replacement = function (this: unknown, ...args: unknown[]): object {
    if (new.target === undefined) throw new TypeError(`Class constructor ${Class.name} cannot be invoked without 'new'`);
    beforeConstruct(new.target as unknown as AnyClass);
    const instance = Reflect.construct(Class, args, new.target) as object;
    onInstance(instance);
    return instance;
  };
  Object.setPrototypeOf(Replacement, Class);
  Object.defineProperty(Replacement, 'prototype', descriptor({ value: Class.prototype, writable: false }));
  Object.defineProperty(
    Class.prototype,
    'constructor',
    descriptor({ value: Replacement, writable: true, enumerable: false, configurable: true }),
  );
  keepIdentity(Replacement, Class);
  registerReplacementClass(Replacement);
  return Replacement as unknown as C;
}
