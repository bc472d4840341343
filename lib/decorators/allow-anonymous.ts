import { markMember, markStandardMember } from '../guard/anonymous-marks.js';
import { type ClassOrMethodDecorator, decoratorForms } from '../guard/forms.js';
import { classAccessors, handlerMethods } from '../guard/handler-methods.js';
import { addRule } from '../guard/rules.js';
import type { AnyClass, AnyFunction } from '../internal/function-types.js';

/** The decorator `allowAnonymous()` returns: it marks, and never wraps. */
export interface AllowAnonymousDecorator extends ClassOrMethodDecorator {
  /** On a field (an arrow function, a bound method), standard (TC39) decorators. */
  (value: undefined, context: ClassFieldDecoratorContext): void;
  /** On a getter or an auto-accessor that hands out a handler, standard decorators. */
  (
    value: AnyFunction | ClassAccessorDecoratorTarget<any, any>,
    context: ClassGetterDecoratorContext | ClassAccessorDecoratorContext,
  ): void;
  /** On a field, legacy `experimentalDecorators`. */
  (target: object, key: string | symbol, descriptor?: undefined): void;
  /** On a getter that hands out a handler (autobind's `@boundMethod`), legacy `experimentalDecorators`. */
  <F extends AnyFunction>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<F>,
  ): TypedPropertyDescriptor<F>;
  // `context?: undefined`: a TC39 setter must not pass for a plain handler.
  <F extends AnyFunction>(handler: F, context?: undefined): F;
}

const TITLE = '@allowAnonymous()';

// Every method and accessor of the class, inherited ones included, is public
// on this class: the marks sit on its own prototype, so the base keeps its own.
function markClassAnonymous(Class: AnyClass): undefined {
  const prototype = Class.prototype as object;
  for (const { key } of handlerMethods(prototype)) markMember(prototype, key);
  for (const { key } of classAccessors(prototype)) markMember(prototype, key);
  return undefined;
}

// The rule shows in `getAccessRules`, and stays on a guard stacked outside;
// deciding what is public is left to the marks.
const addAnonymousRule = <F extends AnyFunction>(fn: F): F => {
  addRule(fn, { kind: 'anonymous' });
  return fn;
};

// Around a plain function, only the rule: a class-level guard trusts class marks alone.
const forms = decoratorForms({ title: TITLE, onFunction: addAnonymousRule, onClass: markClassAnonymous });

interface MemberContext {
  readonly kind: string;
  readonly name: string | symbol;
  readonly metadata?: object;
}

// Standard decorators name the member, and the class only through its
// metadata: a method or getter is marked public there (under its name on the
// function, where an older compiler gives no metadata); a field, on each
// instance as it is made.
function markStandard(value: unknown, context: MemberContext): unknown {
  const { kind, name, metadata } = context;
  if (kind === 'method' || kind === 'getter') markStandardMember(addAnonymousRule(value as AnyFunction), name, metadata);
  else if (kind === 'accessor') markStandardMember((value as ClassAccessorDecoratorTarget<unknown, unknown>).get, name, metadata);
  else if (kind === 'field') {
    return function (this: object, initial: unknown): unknown {
      markMember(this, name);
      return initial;
    };
  } else return forms(value, context);
  return undefined;
}

// Legacy decorators name the prototype and the member: a method, an
// accessor, or (with no descriptor) a field of its instances.
function markLegacy(target: object, key: string | symbol, found: unknown): unknown {
  const member = found as PropertyDescriptor | undefined;
  const callable = member === undefined || typeof member.value === 'function' || typeof member.get === 'function';
  if (typeof found === 'number' || !callable) return forms(target, key, found);
  markMember(target, key);
  if (typeof member?.value === 'function') addAnonymousRule(member.value);
  return member;
}

const decorator = ((...args: unknown[]): unknown => {
  const [target, key, found] = args;
  if (args.length < 2) return forms(target);
  if (typeof key === 'object' && key !== null) return markStandard(target, key as MemberContext);
  return markLegacy(target as object, key as string | symbol, found);
}) as AllowAnonymousDecorator;

/**
 * Marks a handler as deliberately public, as Django 5.1's
 * `login_not_required`: a class-level guard skips it, and
 * `findUnguardedHandlers` does not report it. It marks the member of that
 * class (a method, a field holding a function, a getter handing one out),
 * not the function: a function shared with another class is not public there.
 *
 * @example
 * @loginRequiredAjax()
 * class Items {
 *   @allowAnonymous() count() { return jsonResponse({ count: 3 }); }
 *   @allowAnonymous() ping = () => jsonResponse({ pong: true });
 *   list() { ... } // guarded by the class
 * }
 */
export function allowAnonymous(): AllowAnonymousDecorator {
  return decorator;
}
