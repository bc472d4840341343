import { type ClassOrMethodDecorator, decoratorForms } from '../guard/forms.js';
import { handlerMethods } from '../guard/handler-methods.js';
import { addRule, keepIdentity } from '../guard/rules.js';
import type { AnyClass, AnyFunction } from '../internal/function-types.js';

/** The decorator `allowAnonymous()` returns: it marks, and never wraps. */
export interface AllowAnonymousDecorator extends ClassOrMethodDecorator {
  // `context?: undefined`: a TC39 setter must not pass for a plain handler.
  <F extends AnyFunction>(handler: F, context?: undefined): F;
}

const markAnonymous = <F extends AnyFunction>(fn: F): F => {
  addRule(fn, { kind: 'anonymous' });
  return fn;
};

// An inherited method belongs to the base class: mark a forwarding copy on
// the decorated class instead, so the base keeps its own rules.
function markClassAnonymous(Class: AnyClass): void {
  const prototype = Class.prototype as object;
  for (const { name, method, descriptor } of handlerMethods(Class)) {
    let marked = method;
    if (!Object.hasOwn(prototype, name)) {
      marked = function (this: unknown, ...args: unknown[]) {
        return Reflect.apply(method, this, args);
      };
      keepIdentity(marked, method);
    }
    Object.defineProperty(prototype, name, { ...descriptor, value: markAnonymous(marked) });
  }
}

const decorator = decoratorForms({
  title: '@allowAnonymous()',
  onFunction: markAnonymous,
  onClass: markClassAnonymous,
}) as AllowAnonymousDecorator;

/**
 * Marks a handler as deliberately public, as Django 5.1's
 * `login_not_required`: a class-level guard skips it, and
 * `findUnguardedHandlers` does not report it.
 *
 * @example
 * @loginRequiredAjax()
 * class Items {
 *   @allowAnonymous() count() { return jsonResponse({ count: 3 }); }
 *   list() { ... } // guarded by the class
 * }
 */
export function allowAnonymous(): AllowAnonymousDecorator {
  return decorator;
}
