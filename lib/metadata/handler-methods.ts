/** A method found on a class's prototype chain. */
export interface HandlerMethod {
  readonly name: string;
  readonly method: (...args: never[]) => unknown;
  readonly descriptor: PropertyDescriptor;
}

/**
 * The methods an instance of `Class` answers to, own and inherited, the
 * nearest definition of each name first: not the constructor, not accessors,
 * nothing from `Object.prototype`.
 */
export function handlerMethods(Class: abstract new (...args: never[]) => unknown): HandlerMethod[] {
  const found: HandlerMethod[] = [];
  const seen = new Set<string>(['constructor']);
  let holder: object | null = Class.prototype as object;
  while (holder !== null && Reflect.getPrototypeOf(holder) !== null) {
    for (const name of Object.getOwnPropertyNames(holder)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const descriptor = Reflect.getOwnPropertyDescriptor(holder, name) as PropertyDescriptor;
      if (typeof descriptor.value === 'function') found.push({ name, method: descriptor.value, descriptor });
    }
    holder = Reflect.getPrototypeOf(holder);
  }
  return found;
}

/** The nearest method called `name` on `Class`'s prototype chain, or undefined. */
export function findMethod(Class: abstract new (...args: never[]) => unknown, name: string): HandlerMethod | undefined {
  return handlerMethods(Class).find((handler) => handler.name === name);
}
