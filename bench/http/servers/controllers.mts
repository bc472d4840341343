import { type JsonResponse, jsonResponse, loginRequired, loginRequiredAjax, permissionRequiredAjax } from 'ajax-guard';
import { ITEMS, PERMISSION, ROUTES, STORE_DELAY_MS, storeSays } from './scenario.mjs';

// The user the identity hook left on any framework's request (Koa's on ctx.state).
const userIn = (req: any): unknown => req.user ?? req.state?.user;

/** The ajax-guard variant's controller, as the README's quickstart writes one, shared by every framework. */
export class ItemsController {
  @loginRequiredAjax()
  list(_req: object): JsonResponse {
    return jsonResponse(ITEMS);
  }

  @loginRequiredAjax({ isAuthenticated: (req) => storeSays(userIn(req), 0) })
  async listChecked(_req: object): Promise<JsonResponse> {
    return jsonResponse(ITEMS);
  }

  @loginRequiredAjax({ isAuthenticated: (req) => storeSays(userIn(req), STORE_DELAY_MS) })
  async listFromStore(_req: object): Promise<JsonResponse> {
    return jsonResponse(ITEMS);
  }

  @loginRequired({ loginUrl: '/login' })
  page(_req: object): JsonResponse {
    return jsonResponse(ITEMS);
  }

  @permissionRequiredAjax(PERMISSION)
  listForAdmin(_req: object): JsonResponse {
    return jsonResponse(ITEMS);
  }
}

/** Each route the ajax-guard variant serves on every framework, to its controller method. */
export function guardedRoutes(): Readonly<Record<string, (req: object) => unknown>> {
  const controller = new ItemsController();
  return {
    [ROUTES.sync]: (req) => controller.list(req),
    [ROUTES.async]: (req) => controller.listChecked(req),
    [ROUTES.store]: (req) => controller.listFromStore(req),
    [ROUTES.login]: (req) => controller.page(req),
    [ROUTES.permission]: (req) => controller.listForAdmin(req),
  };
}
