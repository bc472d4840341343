import 'reflect-metadata';

type AnyFunction = (this: unknown, ...args: any[]) => any;

/** The method a decorator receives, in either mode: TC39 `(method, context)`, legacy `(prototype, key, descriptor)`. */
function decoratedMethod(args: unknown[]): AnyFunction {
  return (args.length === 2 ? args[0] : (args[2] as PropertyDescriptor).value) as AnyFunction;
}

/**
 * Another library's method decorator, in whichever mode the spec is compiled:
 * it puts reflect-metadata on the method itself and leaves it in place, as
 * NestJS's `@SetMetadata` and routing decorators do.
 */
export function setsMetadata(key: string, value: unknown): (...args: any[]) => any {
  return (...args: unknown[]): void => {
    Reflect.defineMetadata(key, value, decoratedMethod(args));
  };
}

/**
 * A function decorator, `(fn) => fn`, that logs `label` each time the wrapper
 * runs and then calls what it wraps with the same `this` and arguments.
 */
export function recording(log: string[], label: string): (fn: AnyFunction) => AnyFunction {
  return (fn) =>
    function (this: unknown, ...args: unknown[]) {
      log.push(label);
      return Reflect.apply(fn, this, args);
    };
}
