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

/**
 * An autobind-style `@boundMethod`, in whichever mode the spec is compiled.
 * Legacy: the method becomes a getter that binds it on first read and caches
 * the bound method on the instance (autobind-decorator's way). TC39: each new
 * instance gets the bound method as an own field.
 */
export function boundMethod(...args: any[]): any {
  if (args.length === 2) {
    const [method, context] = args as [AnyFunction, ClassMethodDecoratorContext];
    context.addInitializer(function (this: unknown) {
      (this as Record<PropertyKey, unknown>)[context.name] = method.bind(this);
    });
    return undefined;
  }
  const [, key, descriptor] = args as [object, PropertyKey, PropertyDescriptor];
  const method = descriptor.value as AnyFunction;
  return {
    configurable: true,
    get(this: object) {
      const bound = method.bind(this);
      Object.defineProperty(this, key, { configurable: true, get: () => bound });
      return bound;
    },
  };
}
