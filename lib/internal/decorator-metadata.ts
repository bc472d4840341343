/**
 * The key of standard decorators' class metadata (`context.metadata`, kept
 * as `Class[Symbol.metadata]`). Node 20 has no `Symbol.metadata`, and
 * TypeScript then gives decorators no metadata at all; defined here, as
 * TypeScript's documentation advises, before any decorated class is, it lets
 * a method decorator mark its own class rather than a function object. The
 * registered symbol is the one every copy of this library, and any other
 * library that polyfills it the same way, shares.
 */
export const METADATA: symbol = (() => {
  const symbols = Symbol as { metadata?: symbol };
  if (symbols.metadata === undefined) {
    Object.defineProperty(Symbol, 'metadata', { value: Symbol.for('Symbol.metadata'), configurable: true });
  }
  return symbols.metadata as symbol;
})();
