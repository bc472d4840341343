/** Any function a decorator may stand on: the user's signatures, of any shape. */
export type AnyFunction = (...args: any[]) => any;
/** Any class a decorator may stand on. */
export type AnyClass = abstract new (...args: any[]) => any;

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
