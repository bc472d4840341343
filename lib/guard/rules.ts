import 'reflect-metadata';
import type { AnyFunction } from '../internal/function-types.js';

/** One access rule a guard records on the method it decorates. */
export type AccessRule =
  | { readonly kind: 'login'; readonly loginUrl?: string }
  | { readonly kind: 'permission'; readonly perms: readonly string[] }
  | { readonly kind: 'test'; readonly test: string }
  | { readonly kind: 'anonymous' };

// Kept on the function itself, as NestJS keeps its metadata: no global
// registry to reset between tests, and the rules travel with the handler.
const RULES = 'ajax-guard:access-rules';

/** The rules recorded on `fn`, outermost first. */
export function rulesOf(fn: object): readonly AccessRule[] {
  return (Reflect.getOwnMetadata(RULES, fn) as readonly AccessRule[] | undefined) ?? [];
}

/** Records `rule` on `fn` in front of those it already carries. */
export function addRule(fn: object, rule: AccessRule): void {
  Reflect.defineMetadata(RULES, Object.freeze([Object.freeze(rule), ...rulesOf(fn)]), fn);
}

/** True when `fn` is marked as deliberately public by `allowAnonymous()`. */
export function isMarkedAnonymous(fn: object): boolean {
  return rulesOf(fn).some((rule) => rule.kind === 'anonymous');
}

/**
 * Copies what makes `original` recognisable onto `wrapper`: its name, its
 * length and every reflect-metadata key other decorators put on it. Losing
 * that metadata is how wrapping decorators have left routes unprotected.
 */
export function keepIdentity(wrapper: object, original: AnyFunction): void {
  Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true });
  Object.defineProperty(wrapper, 'length', { value: original.length, configurable: true });
  for (const key of Reflect.getOwnMetadataKeys(original)) {
    Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, original), wrapper);
  }
}
