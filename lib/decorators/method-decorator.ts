import { type ClassOrMethodDecorator, decoratorForms } from '../guard/forms.js';
import { findMethod } from '../guard/handler-methods.js';
import { describeValue } from '../internal/describe-value.js';
import type { AnyClass, AnyFunction } from '../internal/function-types.js';

type FunctionDecorator = (fn: any) => any;

/** The decorator `methodDecorator` returns: on a method, or on a class given a method name. */
export interface MethodDecorator extends ClassOrMethodDecorator {}

/**
 * Django's `method_decorator`: turns function decorators, `(fn) => fn`, into
 * a method decorator (legacy or TC39) that keeps `this`. On a class, `name`
 * says which method to decorate, own or inherited. An array applies in
 * Django's order: the first is outermost.
 *
 * The decorators run once, when the class is defined, and the method is
 * called with the instance as `this`: a function decorator keeps `this` when
 * it calls `fn.apply(this, args)`, as every ajax-guard guard does.
 *
 * @example
 * @methodDecorator(loginRequiredAjax(), 'dispatch')
 * class ProtectedView extends View {}
 */
export function methodDecorator(decorators: FunctionDecorator | readonly FunctionDecorator[], name?: string): MethodDecorator {
  const list: readonly unknown[] = Array.isArray(decorators) ? decorators : [decorators];
  if (list.length === 0 || list.some((decorator) => typeof decorator !== 'function')) {
    throw new TypeError(`methodDecorator: expected a function decorator or an array of them, got ${describeValue(decorators)}`);
  }
  if (name !== undefined && typeof name !== 'string') {
    throw new TypeError(`methodDecorator: name must be a method name, got ${describeValue(name)}`);
  }
  const title = `@methodDecorator(${name === undefined ? '' : `..., ${JSON.stringify(name)}`})`;

  const onFunction = (method: AnyFunction): AnyFunction => {
    const decorated = (list as FunctionDecorator[]).reduceRight((fn, decorator) => decorator(fn), method);
    if (typeof decorated !== 'function') {
      throw new TypeError(`${title}: a function decorator returned ${describeValue(decorated)} instead of a function`);
    }
    return decorated;
  };

  const onClass = (Class: AnyClass): void => {
    if (name === undefined) {
      throw new TypeError(
        `${title} on the class ${Class.name} needs the name of the method to decorate, e.g. methodDecorator(decorator, 'dispatch')`,
      );
    }
    const found = findMethod(Class, name);
    if (found === undefined) {
      throw new TypeError(`${title}: ${Class.name} has no method ${JSON.stringify(name)} to decorate`);
    }
    Object.defineProperty(Class.prototype, name, { ...found.descriptor, value: onFunction(found.method) });
  };

  return decoratorForms({ title, onFunction, onClass }) as MethodDecorator;
}
