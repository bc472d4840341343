import { findMethod, handlerMethods } from '../guard/handler-methods.js';
import { type AccessRule, rulesOf } from '../guard/rules.js';
import type { AnyClass, AnyFunction } from '../internal/function-types.js';
import { entryMethodOf } from './entry-method.js';

/**
 * The access rules on `Class`'s method `methodName`, outermost first; or, given
 * a function alone, the rules on that function.
 *
 * @example
 * getAccessRules(ItemsController, 'remove');
 * // [{ kind: 'login' }, { kind: 'permission', perms: ['items.delete'] }]
 */
export function getAccessRules(Class: AnyClass, methodName: string): AccessRule[];
export function getAccessRules(handler: AnyFunction): AccessRule[];
export function getAccessRules(target: AnyClass | AnyFunction, methodName?: string): AccessRule[] {
  if (typeof target !== 'function') {
    throw new TypeError(`getAccessRules: expected a class or a function, got ${String(target)}`);
  }
  if (methodName === undefined) return [...rulesOf(target)];
  const handler = findMethod(target as AnyClass, methodName);
  return handler ? [...rulesOf(handler.method)] : [];
}

// Methods reached only through an entry method that carries rules (a View's
// verb methods behind a guarded `dispatch`) are covered by those rules.
function coveredByEntry(Class: AnyClass): ReadonlySet<string> {
  const declaration = entryMethodOf(Class);
  if (declaration === undefined) return new Set();
  const entry = findMethod(Class, declaration.entry);
  return entry !== undefined && rulesOf(entry.method).length > 0 ? new Set(declaration.reached) : new Set();
}

/**
 * The names of `Class`'s handler methods, inherited ones included, that carry
 * no access rule at all: a test that expects none fails the build when
 * someone adds an endpoint and forgets its guard. The library's own helpers
 * (a View's `getContextData`, `renderToResponse`...) are not handlers, and a
 * View's HTTP verb methods are covered when its `dispatch` carries a rule.
 *
 * @example
 * expect(findUnguardedHandlers(ItemsController)).to.deep.equal([]);
 */
export function findUnguardedHandlers(Class: AnyClass): string[] {
  if (typeof Class !== 'function') {
    throw new TypeError(`findUnguardedHandlers: expected a class, got ${String(Class)}`);
  }
  const covered = coveredByEntry(Class);
  return handlerMethods(Class)
    .filter((handler) => rulesOf(handler.method).length === 0 && !covered.has(handler.name))
    .map((handler) => handler.name);
}
