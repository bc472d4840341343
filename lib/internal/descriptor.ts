/**
 * A property descriptor with no prototype. `Object.defineProperty` reads
 * `get`, `set`, `value`... through the descriptor's prototype chain, so a
 * descriptor literal inherits a polluted `Object.prototype.get` and the
 * definition throws: every descriptor the library builds goes through here.
 *
 * @example
 * Object.defineProperty(target, 'name', descriptor({ value: 'list', configurable: true }));
 */
export function descriptor(fields: PropertyDescriptor): PropertyDescriptor {
  return Object.assign(Object.create(null) as PropertyDescriptor, fields);
}
