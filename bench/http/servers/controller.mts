import { type JsonResponse, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { ITEMS } from '../scenario.mjs';

/** The ajax-guard variant's controller, as the README's quickstart writes one, shared by every framework. */
export class ItemsController {
  @loginRequiredAjax()
  list(_req: object): JsonResponse {
    return jsonResponse(ITEMS);
  }
}
