import { IncomingMessage } from 'node:http';
import { Http2ServerRequest } from 'node:http2';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { AnyClass } from '../internal/function-types.js';
import { configure, currentSettings, defaultGetRequest } from '../settings.js';

const isNodeRequest = (value: unknown): boolean => value instanceof IncomingMessage || value instanceof Http2ServerRequest;

// Nest's request is Express's req, a Node request, or Fastify's request,
// which holds the Node request as its own `raw`. A parsed body, a query or
// a DTO is never one: no parser builds a Node request.
function isNestRequest(value: unknown): boolean {
  if (isNodeRequest(value)) return true;
  return (
    typeof value === 'object' && value !== null && Object.hasOwn(value, 'raw') && isNodeRequest((value as { raw: unknown }).raw)
  );
}

/**
 * The `getRequest` setting `AjaxGuardModule` installs: the request Nest
 * passes a guarded controller method as its last argument, whatever the
 * method's own parameters; else (a unit test calling the method, no Nest
 * around) the first argument, as everywhere else.
 *
 * @example
 * configure({ getRequest: nestRequest });
 */
export function nestRequest(args: ArrayLike<unknown>): unknown {
  const last = args[args.length - 1];
  return isNestRequest(last) ? last : args[0];
}

/**
 * True while guards read Nest's request. An app built before
 * `resetSettings()` (a test suite's afterEach) reads it again; a
 * `getRequest` the app set itself is left alone, and its checks then run
 * in the method, where that lookup gets the arguments.
 */
export function nestRequestInForce(): boolean {
  const { getRequest } = currentSettings();
  if (getRequest === defaultGetRequest) configure({ getRequest: nestRequest });
  return getRequest === defaultGetRequest || getRequest === nestRequest;
}

interface RouteArgument {
  readonly index: number;
}

// Methods given their request argument, per controller: one controller
// served by several apps (tests) gets it once.
const passed = new WeakMap<AnyClass, Set<string | symbol>>();

/**
 * Has Nest pass its request to `Controller`'s method `key` as one more
 * argument, after every parameter the method declares (as a trailing
 * `@Req()` would): the guard then finds the request whatever the method's
 * own parameters are. Call it before Nest builds its routes.
 */
export function passRequest(Controller: AnyClass, key: string | symbol): void {
  const keys = passed.get(Controller) ?? new Set();
  if (keys.has(key)) return;
  passed.set(Controller, keys.add(key));
  const params = (Reflect.getMetadata(ROUTE_ARGS_METADATA, Controller, key) ?? {}) as Record<string, RouteArgument>;
  const method = (Controller.prototype as Record<string | symbol, (...args: never[]) => unknown>)[key];
  const declared = Reflect.getMetadata('design:paramtypes', Controller.prototype as object, key) as unknown[] | undefined;
  let index = Math.max(method?.length ?? 0, declared?.length ?? 0);
  for (const param of Object.values(params)) index = Math.max(index, param.index + 1);
  const request = { index, data: undefined, pipes: [] };
  Reflect.defineMetadata(ROUTE_ARGS_METADATA, { ...params, [`${RouteParamtypes.REQUEST}:${index}`]: request }, Controller, key);
}
