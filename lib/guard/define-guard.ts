import type { AnyFunction } from '../internal/function-types.js';
import type { JsonResponse } from '../response/json-response.js';
import type { Decide } from './decide.js';
import { type ClassOrMethodDecorator, decoratorForms } from './forms.js';
import { markGuardedMember } from './guarded-members.js';
import type { GuardOptions } from './options.js';
import type { AccessRule } from './rules.js';
import { type GuardCheck, wrapHandler } from './wrap.js';
import { guardClass } from './wrap-class.js';

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

/** What makes one guard: its name, its checked options, its decision and the rule it records. */
export interface GuardDefinition {
  /** The guard's function name, `loginRequiredAjax`: errors write it `@loginRequiredAjax()`. */
  readonly name: string;
  readonly options: GuardOptions;
  readonly decide: Decide;
  readonly rule: AccessRule;
}

// Each guard's check, for `checkAccess` to run with no handler.
const checks = new WeakMap<object, GuardCheck>();

/** The check of a guard decorator made by `defineGuard`, or undefined for anything else. */
export function checkOf(guard: unknown): GuardCheck | undefined {
  return typeof guard === 'function' ? checks.get(guard) : undefined;
}

/** Builds a guard's decorator: it wraps methods, classes and plain functions so that `decide` rules on each call. */
export function defineGuard<Returns>({ name, options, decide, rule }: GuardDefinition): GuardDecorator<Returns> {
  const check: GuardCheck = { title: `@${name}()`, getRequest: options.getRequest, decide };
  const onFunction = (fn: AnyFunction) => wrapHandler(fn, check, rule);
  const decorator = decoratorForms({
    title: check.title,
    onFunction,
    onClass: (Class, metadata) => guardClass(Class, { title: check.title, wrap: onFunction, handedOut: new WeakMap() }, metadata),
    onMember: markGuardedMember,
  }) as GuardDecorator<Returns>;
  checks.set(decorator, check);
  return decorator;
}
