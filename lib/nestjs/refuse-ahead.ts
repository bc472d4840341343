import { RequestMethod, VersioningType } from '@nestjs/common';
import type { ApplicationConfig } from '@nestjs/core';
import { admit } from '../guard/admissions.js';
import { handlerAccessCheck, type RequestCheck } from '../guard/check-access.js';
import { copyMetadata } from '../guard/rules.js';
import type { AnyFunction } from '../internal/function-types.js';
import type { NestHttpAdapter } from './platforms.js';
import { nestRequestInForce } from './request-argument.js';
import { writeJson } from './write-json.js';

/** What the module knows of one guarded controller method, ahead of its route. */
interface GuardedRoute {
  readonly method: object;
  /** The method's checks, when they may run ahead of Nest's pipeline: no Nest guard of its own. */
  readonly check: RequestCheck | undefined;
}

// Kept on the method as reflect metadata: Nest copies a method's metadata to
// the route handler it registers for it, which is how the route is known.
const ROUTE = 'ajax-guard:nest-route';

// The adapter methods Nest registers routes with: one per RequestMethod,
// named in lower case (`get`, `post`, ... `all`, `search`).
const REGISTRARS = Object.keys(RequestMethod)
  .filter((key) => Number.isNaN(Number(key)))
  .map((name) => name.toLowerCase());

/**
 * Marks `method`, a guarded controller method, for its route. Its checks
 * run ahead of Nest's pipeline unless `nestGuarded`: a Nest guard (passport's
 * `AuthGuard`, say) may be what signs the caller in, so then they run where
 * they always do, around the handler, after Nest's guards.
 */
export function markRoute(method: object, nestGuarded: boolean): void {
  // A method several controllers inherit runs ahead only if none has a Nest guard.
  const marked = Reflect.getOwnMetadata(ROUTE, method) as GuardedRoute | undefined;
  const ahead = !nestGuarded && (marked === undefined || marked.check !== undefined);
  Reflect.defineMetadata(ROUTE, { method, check: ahead ? handlerAccessCheck(method) : undefined }, method);
}

/**
 * Nest's route handler for a guarded method, with the method's checks run
 * first: a refusal is written at once, without Nest's guards, interceptors,
 * pipes and exception filters (as a Nest guard that refuses skips all but
 * the filters), and without an exception. An admitted request is not asked
 * again in the method. A check that throws leaves the request to Nest,
 * whose pipeline meets the same throw in the method and answers it.
 */
function refusingAhead(handler: AnyFunction, { method, check }: GuardedRoute): AnyFunction {
  const route = function (this: unknown, request: object, response: object, next: unknown): unknown {
    // Asked first on every guarded route: it also puts Nest's request back after a reset.
    const inForce = nestRequestInForce();
    if (check === undefined || !inForce) return handler.call(this, request, response, next);
    let verdict: ReturnType<RequestCheck>;
    try {
      verdict = check(request);
    } catch {
      return handler.call(this, request, response, next);
    }
    if (verdict === undefined) {
      admit(request, method);
      return handler.call(this, request, response, next);
    }
    if (!(verdict instanceof Promise)) {
      writeJson(response, verdict);
      return undefined;
    }
    return verdict.then(
      (settled) => {
        if (settled !== undefined) {
          writeJson(response, settled);
          return undefined;
        }
        admit(request, method);
        return handler.call(this, request, response, next);
      },
      () => handler.call(this, request, response, next),
    );
  };
  Object.defineProperty(route, 'name', { value: handler.name, configurable: true });
  // Nest's Fastify adapter reads route options from the handler's metadata.
  copyMetadata(route, handler);
  return route;
}

/**
 * True when no guarded route of the app may check ahead of Nest's pipeline:
 * a global guard may sign the caller in, and versions told apart by a
 * header or a media type share one path, each route passing a request for
 * another version on (only Nest's filter knows whose request it is).
 */
export function checkedAfterGuards(config: ApplicationConfig): boolean {
  const versioning = config.getVersioning();
  return (
    config.getGlobalGuards().length > 0 ||
    config.getGlobalRequestGuards().length > 0 ||
    (versioning !== undefined && versioning.type !== VersioningType.URI)
  );
}

/**
 * Has `adapter` register every guarded method's route through
 * `refusingAhead`, checking ahead while the app has no global guard and no
 * header or media-type versioning. Call it once per adapter, before Nest
 * builds its routes.
 */
export function refuseAheadOfRoutes(adapter: NestHttpAdapter, config: ApplicationConfig): void {
  const registrars = adapter as unknown as Record<string, unknown>;
  for (const name of REGISTRARS) {
    const register = registrars[name];
    if (typeof register !== 'function') continue;
    registrars[name] = function (this: unknown, ...args: unknown[]): unknown {
      const handler = args[args.length - 1];
      const route = typeof handler === 'function' ? (Reflect.getMetadata(ROUTE, handler) as GuardedRoute | undefined) : undefined;
      if (route !== undefined) {
        const ahead = checkedAfterGuards(config) ? { method: route.method, check: undefined } : route;
        args[args.length - 1] = refusingAhead(handler as AnyFunction, ahead);
      }
      return Reflect.apply(register, this, args);
    };
  }
}
