import { GUARDS_METADATA, HOST_METADATA } from '@nestjs/common/constants.js';
import { isGuardedMember } from '../guard/guarded-members.js';
import { classMethods } from '../guard/handler-methods.js';
import { isGuardWrapper } from '../guard/wrap.js';
import type { AnyClass } from '../internal/function-types.js';
import { CheckAfterGuards, checkAfterNestGuards } from './check-after-guards.js';
import { markRoute } from './refuse-ahead.js';
import { passRequest } from './request-argument.js';
import { writeForResponseHandler } from './response-handled.js';

// `@UseGuards()` on the controller or the method (Nest reads both, and
// inherits the controller's from its base classes), but for the module's own.
const hasNestGuards = (target: object): boolean =>
  ((Reflect.getMetadata(GUARDS_METADATA, target) as unknown[] | undefined) ?? []).some(
    (guard) => !(guard instanceof CheckAfterGuards),
  );

/**
 * Readies each guarded method of `Controller` before Nest builds its routes:
 * Nest passes it the request; its route checks it first, unless a Nest
 * guard of the app (`appGuarded`), the controller or the method must run
 * before (or the controller is bound to hosts), and then it checks as the
 * last of its Nest guards; a method that responds through `@Res()` gets its
 * returned JsonResponse written. A method a guard decorated under another
 * decorator (tracing, a transaction) is readied too: its checks, hidden in
 * that decorator's function, run in the method, with the request.
 */
export function prepareController(Controller: AnyClass, appGuarded: boolean): void {
  // A controller bound to hosts shares its paths with others: its routes
  // pass a request for another host on, which only Nest's filter knows.
  const afterGuards = appGuarded || hasNestGuards(Controller) || Reflect.getMetadata(HOST_METADATA, Controller) !== undefined;
  const prototype = Controller.prototype as object;
  for (const handler of classMethods(prototype)) {
    const wrapped = isGuardWrapper(handler.method);
    if (!wrapped && !isGuardedMember(prototype, handler.key)) continue;
    passRequest(Controller, handler.key);
    const nestGuarded = afterGuards || hasNestGuards(handler.method);
    // A decorator stacked outside the guard hides its checks: they run in the method.
    markRoute(handler.method, !wrapped || nestGuarded);
    if (wrapped && nestGuarded) checkAfterNestGuards(Controller, handler);
    writeForResponseHandler(Controller, handler);
  }
}
