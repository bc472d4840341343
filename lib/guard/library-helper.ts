import 'reflect-metadata';

// Kept on the library's own function, as access rules are.
const HELPER = 'ajax-guard:library-helper';

/**
 * Marks one of the library's own methods (a View's `getContextData`, a
 * mixin's `renderToResponse`) as a helper, not a handler: it is called with
 * data, not a request, so a class-level guard must not wrap it and
 * `findUnguardedHandlers` does not report it.
 */
export function markLibraryHelper(method: object): void {
  Reflect.defineMetadata(HELPER, true, method);
}

/** True for a method marked by `markLibraryHelper` (or a wrapper that kept its metadata). */
export function isLibraryHelper(method: object): boolean {
  return Reflect.getOwnMetadata(HELPER, method) === true;
}
