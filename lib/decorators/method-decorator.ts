import { checkOf } from '../guard/define-guard.js';
import { type ClassOrMethodDecorator, decoratorForms } from '../guard/forms.js';
import { findMethod } from '../guard/handler-methods.js';
import { copyMetadata, keepIdentity } from '../guard/rules.js';
import { describeValue } from '../internal/describe-value.js';
import { descriptor } from '../internal/descriptor.js';
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
 * As in Django, each call hands a function decorator the method bound to
 * its instance, so a decorator that calls `fn(arg)` still runs it with the
 * right `this`; the decorated method keeps its name. The library's own
 * guards keep `this` themselves and are applied once, when the class is
 * defined: no allocation per call, and introspection sees their wrapper.
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

  const onFunction = (method: AnyFunction): AnyFunction =>
    (list as FunctionDecorator[]).reduceRight(
      (fn, decorator) => (checkOf(decorator) !== undefined ? decorator(fn) : perCall(decorator, fn, title)),
      method,
    );

  const onClass = (Class: AnyClass): undefined => {
    if (name === undefined) {
      throw new TypeError(
        `${title} on the class ${Class.name} needs the name of the method to decorate, e.g. methodDecorator(decorator, 'dispatch')`,
      );
    }
    const found = findMethod(Class.prototype as object, name);
    if (found === undefined) {
      throw new TypeError(`${title}: ${Class.name} has no method ${JSON.stringify(name)} to decorate`);
    }
    Object.defineProperty(Class.prototype, name, descriptor({ ...found.descriptor, value: onFunction(found.method) }));
    return undefined;
  };

  return decoratorForms({ title, onFunction, onClass }) as MethodDecorator;
}

function decorated(decorator: FunctionDecorator, fn: AnyFunction, title: string): AnyFunction {
  const result: unknown = decorator(fn);
  if (typeof result !== 'function') {
    throw new TypeError(`${title}: a function decorator returned ${describeValue(result)} instead of a function`);
  }
  return result as AnyFunction;
}

// Django's `_multi_decorate`: the decorator is applied on each call to the
// method bound to its instance. Applied once now to an unbound stand-in, it
// says whether it returns a function, and the metadata it sets is kept.
function perCall(decorator: FunctionDecorator, method: AnyFunction, title: string): AnyFunction {
  // No instance exists yet to bind it to: the decorator only inspects it, and marks it.
  const standIn = method.bind(undefined);
  keepIdentity(standIn, method);
  const sample = decorated(decorator, standIn, title);
  const bound = function (this: unknown, ...args: unknown[]): unknown {
    return Reflect.apply(decorated(decorator, method.bind(this), title), this, args);
  };
  keepIdentity(bound, method);
  copyMetadata(bound, sample);
  return bound;
}
