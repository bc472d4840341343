import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { UseInterceptors } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { tap } from 'rxjs';
import type { HandlerMethod } from '../guard/handler-methods.js';
import type { AnyClass } from '../internal/function-types.js';
import { isJsonResponse } from '../response/json-response.js';
import { isAnswered, writeJson } from './write-json.js';

// Nest keys each parameter's metadata `${paramtype}:${index}`.
const RESPONDS_ITSELF = new Set([`${RouteParamtypes.RESPONSE}`, `${RouteParamtypes.NEXT}`]);

/**
 * Writes the JsonResponse a handler that injects `@Res()` or `@Next()`
 * returned: Nest leaves such a handler's response to the handler, which a
 * refusal never let run, so without this the caller would wait for good.
 */
const writeReturnedJson: NestInterceptor = {
  intercept(context: ExecutionContext, next: CallHandler) {
    const response = context.switchToHttp().getResponse<object>();
    return next.handle().pipe(
      tap((value: unknown) => {
        if (isJsonResponse(value) && !isAnswered(response)) writeJson(response, value);
      }),
    );
  },
};

// Methods that have it already: a controller served by several apps (tests) gets it once.
const bound = new WeakSet<object>();

function respondsItself(Controller: AnyClass, name: string | symbol): boolean {
  const params = Reflect.getMetadata(ROUTE_ARGS_METADATA, Controller, name) as object | undefined;
  return params !== undefined && Object.keys(params).some((key) => RESPONDS_ITSELF.has(key.split(':')[0] as string));
}

/**
 * Binds the interceptor that writes returned JsonResponses to a guarded
 * method of `Controller` if it responds through `@Res()` or `@Next()`,
 * before Nest builds its routes. Other routes get nothing per request.
 */
export function writeForResponseHandler(Controller: AnyClass, { key, method, descriptor }: HandlerMethod): void {
  if (bound.has(method) || !respondsItself(Controller, key)) return;
  bound.add(method);
  UseInterceptors(writeReturnedJson)(Controller.prototype as object, key, descriptor);
}
