// The routing-controllers recipe, as docs/routing-controllers.md shows it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { configure, isJsonResponse } from 'ajax-guard';
import * as express from 'ajax-guard/express';
import * as koa from 'ajax-guard/koa';
import { type Action, Interceptor, type InterceptorInterface } from 'routing-controllers';

// The request being served: routing-controllers passes a method only the parameters it asks for.
export const requests = new AsyncLocalStorage<object>();

/** Makes every guard read the request being served (a unit test's plain request otherwise). */
export const readServedRequests = () => configure({ getRequest: (args) => requests.getStore() ?? args[0] });

/**
 * Writes every JsonResponse a method returns (refusals included) as the
 * driver's ajax-guard adapter does. Returning the response (Express) or the
 * context (Koa) tells routing-controllers that it is answered.
 */
@Interceptor()
export class JsonResponses implements InterceptorInterface {
  intercept(action: Action, content: unknown): unknown {
    if (!isJsonResponse(content)) return content;
    if (action.context === undefined) {
      express.send(action.response, content);
      return action.response;
    }
    koa.send(action.context, content);
    return action.context;
  }
}
