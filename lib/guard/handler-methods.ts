import { descriptor } from '../internal/descriptor.js';
import type { AnyFunction } from '../internal/function-types.js';
import { isLibraryHelper } from './library-helper.js';

/** A member found on a class's prototype chain: a method, or an accessor. */
export interface ClassMember {
  readonly key: string | symbol;
  /** The prototype that defines it: the class's own, or one it inherits from. */
  readonly holder: object;
  readonly descriptor: PropertyDescriptor;
}

/** A method found on a class's prototype chain. */
export interface HandlerMethod extends ClassMember {
  readonly method: AnyFunction;
}

// Framework lifecycle hooks (NestJS's) are called by the framework with no
// request: a class-level guard never wraps them, and they are not handlers.
const LIFECYCLE_HOOKS: ReadonlySet<PropertyKey> = new Set([
  'onModuleInit',
  'onApplicationBootstrap',
  'onModuleDestroy',
  'beforeApplicationShutdown',
  'onApplicationShutdown',
]);

/** True for the name of a framework lifecycle hook, which is no handler. */
export const isLifecycleHook = (key: PropertyKey): boolean => LIFECYCLE_HOOKS.has(key);

// Every member definition along the chain, nearest first, overridden ones
// included, symbol-named ones too; never the constructor or `Object.prototype`'s.
function* memberDefinitions(prototype: object): Generator<ClassMember> {
  let holder: object | null = prototype;
  while (holder !== null && Reflect.getPrototypeOf(holder) !== null) {
    for (const key of Reflect.ownKeys(holder)) {
      if (key === 'constructor') continue;
      // With no prototype: its fields are read, and a polluted Object.prototype must not add any.
      yield { key, holder, descriptor: descriptor(Reflect.getOwnPropertyDescriptor(holder, key) as PropertyDescriptor) };
    }
    holder = Reflect.getPrototypeOf(holder);
  }
}

/** The nearest definition of each member an instance of a class with this `prototype` answers to. */
function classMembers(prototype: object): ClassMember[] {
  const found: ClassMember[] = [];
  const seen = new Set<PropertyKey>();
  for (const definition of memberDefinitions(prototype)) {
    if (seen.has(definition.key)) continue;
    seen.add(definition.key);
    found.push(definition);
  }
  return found;
}

const asMethod = (member: ClassMember): HandlerMethod | undefined =>
  typeof member.descriptor.value === 'function' ? { ...member, method: member.descriptor.value } : undefined;

/** Every method an instance of a class with this `prototype` answers to, own and inherited: not the constructor, not accessors. */
export function classMethods(prototype: object): HandlerMethod[] {
  return classMembers(prototype).flatMap((member) => asMethod(member) ?? []);
}

// A helper's name stays a helper in subclasses, since an override is called
// the same way (with data, not a request).
function helperKeys(prototype: object): Set<PropertyKey> {
  const helpers = new Set<PropertyKey>();
  for (const { key, descriptor: found } of memberDefinitions(prototype)) {
    if (typeof found.value === 'function' && isLibraryHelper(found.value)) helpers.add(key);
  }
  return helpers;
}

// NestJS's decorators put its metadata on the function of each method Nest
// calls with a request: a route (`@Get`, `@Post`, `@Sse`: a path and a
// method) or a message handler (`@MessagePattern`, `@EventPattern`).
const isNestRoute = (method: AnyFunction): boolean =>
  Reflect.hasOwnMetadata('path', method) && Reflect.hasOwnMetadata('method', method);
const isNestHandler = (method: AnyFunction): boolean =>
  isNestRoute(method) || Reflect.hasOwnMetadata('microservices:pattern', method);

const hasRoute = (methods: readonly HandlerMethod[]): boolean => methods.some((member) => isNestRoute(member.method));

/**
 * True for a NestJS controller: a class with at least one route. Nest calls
 * only its routes and message handlers; its other methods and its fields are
 * the class's own code, called with data (`this.isOwner(doc, user)`). A
 * class-level guard leaves them alone, as Nest's own class-level guards do:
 * guarded, such a method would hand its caller the refusal, a truthy object.
 */
export const isRoutedClass = (prototype: object): boolean => hasRoute(classMethods(prototype));

/**
 * The handler methods of `prototype`: its methods less the library's
 * helpers and framework lifecycle hooks; in a NestJS controller, only its
 * routes and message handlers (see `isRoutedClass`).
 */
export function handlerMethods(prototype: object): HandlerMethod[] {
  const helpers = helperKeys(prototype);
  const methods = classMethods(prototype);
  const routed = hasRoute(methods);
  return methods.filter(({ key, method }) => !helpers.has(key) && !isLifecycleHook(key) && (!routed || isNestHandler(method)));
}

/** The accessors with a getter of `prototype`, own and inherited: a getter may hand out a handler. */
export function classAccessors(prototype: object): ClassMember[] {
  return classMembers(prototype).filter((member) => typeof member.descriptor.get === 'function' && !isLifecycleHook(member.key));
}

/** The nearest method called `name` on the chain of `prototype`, helpers included, or undefined. */
export function findMethod(prototype: object, name: string | symbol): HandlerMethod | undefined {
  return classMethods(prototype).find((handler) => handler.key === name);
}
