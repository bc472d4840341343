import type { AnyClass, AnyFunction } from '../internal/function-types.js';
import { isLibraryHelper } from './library-helper.js';

/** A method found on a class's prototype chain. */
export interface HandlerMethod {
  readonly name: string;
  readonly method: AnyFunction;
  readonly descriptor: PropertyDescriptor;
}

// Every method definition along the chain, nearest first, overridden ones
// included; never the constructor, accessors or `Object.prototype`'s.
function* methodDefinitions(Class: AnyClass): Generator<HandlerMethod> {
  let holder: object | null = Class.prototype as object;
  while (holder !== null && Reflect.getPrototypeOf(holder) !== null) {
    for (const name of Object.getOwnPropertyNames(holder)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(holder, name) as PropertyDescriptor;
      if (name !== 'constructor' && typeof descriptor.value === 'function') {
        yield { name, method: descriptor.value, descriptor };
      }
    }
    holder = Reflect.getPrototypeOf(holder);
  }
}

/**
 * Every method an instance of `Class` answers to, own and inherited, the
 * nearest definition of each name first: not the constructor, not
 * accessors, nothing from `Object.prototype`.
 */
export function classMethods(Class: AnyClass): HandlerMethod[] {
  const found: HandlerMethod[] = [];
  const seen = new Set<string>();
  for (const definition of methodDefinitions(Class)) {
    if (seen.has(definition.name)) continue;
    seen.add(definition.name);
    found.push(definition);
  }
  return found;
}

// NestJS's lifecycle hooks: the framework calls them with no request, at
// start-up and shutdown, so a class-level guard on a controller must leave
// them be (a guarded onModuleInit would never run).
const LIFECYCLE_HOOKS: ReadonlySet<string> = new Set([
  'onModuleInit',
  'onApplicationBootstrap',
  'onModuleDestroy',
  'beforeApplicationShutdown',
  'onApplicationShutdown',
]);

/**
 * The handler methods of `Class`: its methods less the library's helpers
 * and the framework's lifecycle hooks.
 * A helper's name stays a helper in subclasses, since an override is called
 * the same way (with data, not a request).
 */
export function handlerMethods(Class: AnyClass): HandlerMethod[] {
  const helpers = new Set<string>();
  for (const { name, method } of methodDefinitions(Class)) {
    if (isLibraryHelper(method)) helpers.add(name);
  }
  return classMethods(Class).filter((handler) => !helpers.has(handler.name) && !LIFECYCLE_HOOKS.has(handler.name));
}

/** The nearest method called `name` on `Class`'s prototype chain, helpers included, or undefined. */
export function findMethod(Class: AnyClass, name: string): HandlerMethod | undefined {
  return classMethods(Class).find((handler) => handler.name === name);
}
