import {
  type ArgumentsHost,
  type CanActivate,
  Catch,
  type ExceptionFilter,
  type ExecutionContext,
  HttpException,
  UseGuards,
} from '@nestjs/common';
import { admit } from '../guard/admissions.js';
import { handlerAccessCheck, type RequestCheck } from '../guard/check-access.js';
import type { HandlerMethod } from '../guard/handler-methods.js';
import type { Verdict } from '../guard/verdict.js';
import type { AnyClass } from '../internal/function-types.js';
import type { JsonResponse } from '../response/json-response.js';
import { nestRequestInForce } from './request-argument.js';
import { writeJson } from './write-json.js';

/**
 * A refusal on its way from the check to the filter that writes it. An
 * HttpException of the refusal's status and body, so that an app's own
 * catch-all filter, which Nest asks first, answers it with that status.
 */
export class Refused extends HttpException {
  constructor(readonly refusal: JsonResponse) {
    super(refusal.body as object, refusal.status);
  }
}

/** Writes a refusal as the ajax-guard adapters write it: status, headers, exact body. */
export class WriteRefusal implements ExceptionFilter<Refused> {
  catch(refused: Refused, host: ArgumentsHost): void {
    writeJson(host.switchToHttp().getResponse<object>(), refused.refusal);
  }
}
Catch(Refused)(WriteRefusal);

/**
 * A guarded method's checks as the last of its Nest guards: Nest runs it
 * after the app's global guards and the controller's and method's own
 * (which may be what signs the caller in), and before its interceptors,
 * pipes and handler, so no interceptor (a cache, a serializer) ever sees a
 * refused call, and a `@Render()` or `@Sse()` route is refused like any
 * other. An admitted request is not asked again in the method. Under a
 * `getRequest` the app set, the checks stay in the method.
 */
export class CheckAfterGuards implements CanActivate {
  constructor(
    private readonly method: object,
    private readonly check: RequestCheck,
  ) {}

  canActivate(context: ExecutionContext): true | Promise<true> {
    if (!nestRequestInForce()) return true;
    const request = context.switchToHttp().getRequest<object>();
    const verdict = this.check(request);
    return verdict instanceof Promise
      ? verdict.then((settled) => this.admitted(request, settled))
      : this.admitted(request, verdict);
  }

  private admitted(request: object, verdict: Verdict): true {
    if (verdict !== undefined) throw new Refused(verdict);
    admit(request, this.method);
    return true;
  }
}

// Methods that have it already: a controller served by several apps (tests) gets it once.
const checked = new WeakSet<object>();

/**
 * Adds the checks of `Controller`'s guarded method as the last of its Nest
 * guards, before Nest builds its routes; nothing for a method whose checks
 * only the arguments locate (a guard's own `getRequest`).
 */
export function checkAfterNestGuards(Controller: AnyClass, { key, method, descriptor }: HandlerMethod): void {
  const check = handlerAccessCheck(method);
  if (check === undefined || checked.has(method)) return;
  checked.add(method);
  UseGuards(new CheckAfterGuards(method, check))(Controller.prototype as object, key, descriptor);
}
