import { describeValue } from '../internal/describe-value.js';
import type { AnyClass, AnyFunction } from '../internal/function-types.js';
import { isClass } from '../internal/is-class.js';

/**
 * A decorator for a class and for its methods, in both TypeScript decorator
 * modes. `Returns` is what a decorated method must return: anything, or a
 * Promise where a guard's check may be asynchronous.
 */
export interface ClassOrMethodDecorator<Returns = unknown> {
  /** On a class, legacy or TC39. */
  <C extends AnyClass>(target: C, context?: ClassDecoratorContext<C>): C;
  /** On a method, standard (TC39) decorators. */
  <F extends (...args: any[]) => Returns>(method: F, context: ClassMethodDecoratorContext<any, F>): F;
  /** On a method, legacy `experimentalDecorators`. */
  <F extends (...args: any[]) => Returns>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<F>,
  ): TypedPropertyDescriptor<F>;
}

/** What one decorator does in each place it may stand. */
export interface DecoratorBehaviour {
  /** How the decorator is written, for error messages: `@loginRequiredAjax()`. */
  readonly title: string;
  /** Applied to one method or plain function; returns what replaces it. */
  readonly onFunction: (fn: AnyFunction) => AnyFunction;
  /** Applied to a class, whose prototype it may change in place; returns the class to put in its place, if any. */
  /** `metadata`: a standard class decorator's `context.metadata`, not yet on the class while it runs. */
  readonly onClass: (Class: AnyClass, metadata?: object) => AnyClass | undefined;
  /** Told of each method decorated the legacy way, after `onFunction`: its prototype and name. */
  readonly onMember?: (prototype: object, key: string | symbol) => void;
}

interface DecoratorContextLike {
  readonly kind: string;
  readonly name?: string | symbol;
  readonly metadata?: object;
}

function isDecoratorContext(value: unknown): value is DecoratorContextLike {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

// A transpiled class is a plain function with methods on its own prototype:
// wrapping it as a handler would leave all those methods unguarded.
function looksLikeTranspiledClass(fn: AnyFunction): boolean {
  const prototype: unknown = Reflect.getOwnPropertyDescriptor(fn, 'prototype')?.value;
  return (
    typeof prototype === 'object' &&
    prototype !== null &&
    Object.getOwnPropertyNames(prototype).some((name) => name !== 'constructor')
  );
}

function misplaced(title: string, what: string, name: unknown): TypeError {
  return new TypeError(`${title} can decorate only methods and classes, not the ${what} ${describeValue(String(name))}`);
}

// The 2018-09 decorators proposal hands a decorator one descriptor object
// (`{ kind, key, placement, descriptor }` for a member, `{ kind, elements }`
// for a class); Babel's and SWC's "2018-09" modes (Next.js without
// experimentalDecorators) emit it.
function proposalDescriptor(title: string): TypeError {
  return new TypeError(
    `${title} was applied as a 2018-09 proposal decorator (one descriptor object), which it does not support: ` +
      'compile with "experimentalDecorators": true in tsconfig.json (Next.js, Babel legacy mode), or with TypeScript 5+ standard decorators',
  );
}

/**
 * Builds a decorator that works in three places: as a method decorator
 * (legacy `experimentalDecorators` or TC39), as a class decorator (either
 * mode), and as a plain function wrapper.
 */
export function decoratorForms(behaviour: DecoratorBehaviour): (...args: unknown[]) => unknown {
  const { title, onFunction, onClass, onMember } = behaviour;

  const standalone = (target: unknown): unknown => {
    if (isDecoratorContext(target) && ('descriptor' in target || 'elements' in target)) throw proposalDescriptor(title);
    if (typeof target !== 'function') {
      throw new TypeError(`${title} must decorate a method, a class or a function, got ${describeValue(target)}`);
    }
    const fn = target as AnyFunction;
    if (isClass(fn)) return onClass(fn as unknown as AnyClass) ?? fn;
    if (looksLikeTranspiledClass(fn)) {
      throw new TypeError(
        `${title} was given ${describeValue(fn.name)}, which looks like a transpiled class: decorate the class with class syntax, or its methods one by one`,
      );
    }
    return onFunction(fn);
  };

  const standard = (value: unknown, context: DecoratorContextLike): unknown => {
    if (context.kind === 'method') return onFunction(value as AnyFunction);
    if (context.kind === 'class') return onClass(value as AnyClass, context.metadata);
    throw misplaced(title, context.kind, context.name);
  };

  // The wrapper is set on the descriptor given, and that same descriptor is
  // returned: composers that ignore a decorator's return value (NestJS's
  // applyDecorators) still see the guard.
  const legacy = (target: unknown, key: unknown, descriptor: unknown): PropertyDescriptor => {
    const method = (descriptor as PropertyDescriptor | undefined)?.value;
    if (typeof method !== 'function') {
      const what = descriptor === undefined ? 'field' : typeof descriptor === 'number' ? 'parameter of' : 'accessor';
      throw misplaced(title, what, key);
    }
    (descriptor as PropertyDescriptor).value = onFunction(method);
    onMember?.(target as object, key as string | symbol);
    return descriptor as PropertyDescriptor;
  };

  return (...args: unknown[]): unknown => {
    const [target, key, descriptor] = args;
    if (args.length < 2) return standalone(target);
    if (isDecoratorContext(key)) return standard(target, key);
    return legacy(target, key, descriptor);
  };
}
