import { markLibraryHelper } from '../guard/library-helper.js';
import { type JsonResponse, type JsonResponseInit, jsonResponse } from '../response/json-response.js';

type Constructor<T = object> = new (...args: any[]) => T;

/** What `JSONResponseMixin` adds to a class. */
export interface JsonRendering {
  /** `jsonResponse(this.convertContextToJson(context), init)`. */
  renderToResponse(context: unknown, init?: JsonResponseInit): JsonResponse;
  /** The override point: the body to send for `context`; `context` itself by default. */
  convertContextToJson(context: unknown): unknown;
}

/**
 * Django's `JSONResponseMixin`: adds `renderToResponse(context, init?)`, which
 * returns `jsonResponse(this.convertContextToJson(context), init)`. The body
 * stays data (the adapters serialize it once), so `convertContextToJson`
 * returns the data to send, `context` itself by default.
 *
 * @example
 * class Items extends JSONResponseMixin(View) {
 *   get() { return this.renderToResponse(this.getContextData({ items: [] })); }
 * }
 */
export function JSONResponseMixin<B extends Constructor>(Base: B): B & Constructor<JsonRendering> {
  class JsonResponseView extends Base implements JsonRendering {
    renderToResponse(context: unknown, init?: JsonResponseInit): JsonResponse {
      return jsonResponse(this.convertContextToJson(context), init);
    }

    convertContextToJson(context: unknown): unknown {
      return context;
    }
  }
  markLibraryHelper(JsonResponseView.prototype.renderToResponse);
  markLibraryHelper(JsonResponseView.prototype.convertContextToJson);
  return JsonResponseView;
}
