import type { AccessRule } from '../metadata/access-rule.js';
import type { JsonResponse } from '../response/json-response.js';
import { registerGate } from './check-access.js';
import { decoratorForms } from './decorator-forms.js';
import type { AnyFunction, ClassOrMethodDecorator } from './decorator-types.js';
import type { Gate } from './gate.js';
import { decorateHandlers } from './guard-class.js';
import { guardFunction } from './guard-function.js';

/** A guarded function: it returns what the handler returns, or the refusal. */
export type Guarded<F extends AnyFunction> = (
  this: ThisParameterType<F>,
  ...args: Parameters<F>
) => ReturnType<F> extends PromiseLike<infer T> ? Promise<T | JsonResponse> : ReturnType<F> | JsonResponse;

/**
 * A guard, usable in the three places of Django's decorators. `Returns` is
 * what a decorated method must return: anything with a synchronous check,
 * a Promise when the check may be asynchronous.
 */
export interface GuardDecorator<Returns = unknown> extends ClassOrMethodDecorator<Returns> {
  /**
   * Around a plain function, as Django's `login_required_ajax(view_func)`.
   * (`context?: undefined` keeps TypeScript, which lets a decorator take fewer
   * parameters than it is given, from taking a TC39 setter for a handler.)
   */
  <F extends (...args: any[]) => Returns>(handler: F, context?: undefined): Guarded<F>;
}

/** Builds the decorator of a guard that lets `gate` decide each call and records `rule`. */
export function guardDecorator<Returns>(title: string, gate: Gate, rule: AccessRule): GuardDecorator<Returns> {
  const onFunction = (fn: AnyFunction) => guardFunction(fn, gate, rule);
  const decorator = decoratorForms({
    title,
    onFunction,
    onClass: (Class) => decorateHandlers(Class, onFunction),
  }) as GuardDecorator<Returns>;
  // checkAccess and toMiddleware run the same gate with no handler.
  registerGate(decorator, gate);
  return decorator;
}
