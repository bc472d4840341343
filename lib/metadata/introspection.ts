import { type AccessRule, rulesOf } from './access-rule.js';
import { findMethod, handlerMethods } from './handler-methods.js';

type AnyClass = abstract new (...args: never[]) => unknown;

/**
 * The access rules on `Class`'s method `methodName`, outermost first; or, given
 * a function alone, the rules on that function.
 *
 * @example
 * getAccessRules(ItemsController, 'remove');
 * // [{ kind: 'login' }, { kind: 'permission', perms: ['items.delete'] }]
 */
export function getAccessRules(Class: AnyClass, methodName: string): AccessRule[];
export function getAccessRules(handler: (...args: never[]) => unknown): AccessRule[];
export function getAccessRules(target: AnyClass | ((...args: never[]) => unknown), methodName?: string): AccessRule[] {
  if (typeof target !== 'function') {
    throw new TypeError(`getAccessRules: expected a class or a function, got ${String(target)}`);
  }
  if (methodName === undefined) return [...rulesOf(target)];
  const handler = findMethod(target as AnyClass, methodName);
  return handler ? [...rulesOf(handler.method)] : [];
}

/**
 * The names of `Class`'s methods, inherited ones included, that carry no
 * access rule at all: a test that expects none fails the build when someone
 * adds an endpoint and forgets its guard.
 *
 * @example
 * expect(findUnguardedHandlers(ItemsController)).to.deep.equal([]);
 */
export function findUnguardedHandlers(Class: AnyClass): string[] {
  if (typeof Class !== 'function') {
    throw new TypeError(`findUnguardedHandlers: expected a class, got ${String(Class)}`);
  }
  return handlerMethods(Class)
    .filter((handler) => rulesOf(handler.method).length === 0)
    .map((handler) => handler.name);
}
