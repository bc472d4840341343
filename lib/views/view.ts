import { findMethod, type HandlerMethod } from '../guard/handler-methods.js';
import { markLibraryHelper } from '../guard/library-helper.js';
import { keepIdentity } from '../guard/rules.js';
import { describeValue } from '../internal/describe-value.js';
import { readProperty } from '../internal/read-property.js';
import { declareEntryMethod } from '../metadata/entry-method.js';
import { requestMethod } from '../request/request-method.js';
import { type JsonResponse, jsonResponse } from '../response/json-response.js';
import { isCorsPreflight } from './cors-preflight.js';
import { methodNotAllowed } from './method-not-allowed.js';

/** Django's `View.http_method_names`: the only methods `dispatch` ever calls. */
export const HTTP_METHOD_NAMES = Object.freeze(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'] as const);

/** One of `HTTP_METHOD_NAMES`. */
export type HttpMethodName = (typeof HTTP_METHOD_NAMES)[number];

/** What `asView()` returns: a route handler that serves each request with a fresh view. */
export type ViewHandler<V extends View = View> = (request: any, ...args: any[]) => ReturnType<V['dispatch']>;

type Handler = (this: View, request: unknown, ...args: unknown[]) => unknown;

const isHttpMethodName = (name: string): name is HttpMethodName => (HTTP_METHOD_NAMES as readonly string[]).includes(name);

// The view's method for `verb`, read as requests are (never from
// Object.prototype); HEAD falls back to GET, as in Django.
function handlerFor(view: View, verb: string): Handler | undefined {
  if (!isHttpMethodName(verb)) return undefined;
  const handler = readProperty(view, verb);
  if (typeof handler === 'function') return handler as Handler;
  return verb === 'head' ? handlerFor(view, 'get') : undefined;
}

// The verbs `view` answers, upper-case, in Django's order: HEAD with GET.
function allowedMethods(view: View): string[] {
  return HTTP_METHOD_NAMES.filter((verb) => handlerFor(view, verb) !== undefined).map((verb) => verb.toUpperCase());
}

/**
 * Django's class-based `View`: `dispatch` calls the method named by the
 * request's HTTP method in lower case (`get`, `post`...), only among
 * `HTTP_METHOD_NAMES`, with HEAD falling back to `get`; any other method is
 * a 405 with an `allow` header. `asView()` turns the class into a route
 * handler that builds a fresh instance per request, with `this.request` and
 * `this.args` set before any handler runs, as Django's `setup` does.
 *
 * @example
 * class Items extends View {
 *   declare request: express.Request; // narrows the request the view is given
 *   get() { return jsonResponse({ items: [], user: this.request.user }); }
 * }
 * app.get('/items', toHandler(Items.asView()));
 */
export class View {
  /**
   * The request this instance answers, set by `asView()` before any handler
   * runs. A subclass narrows its type with `declare request: express.Request`.
   */
  declare request: unknown;
  /** The arguments the route handler got after the request (Express's `res` and `next`, say), set with `request`. */
  declare args: readonly unknown[];

  /**
   * A route handler for this view: each call builds a fresh instance, sets
   * its `request` and `args`, and calls its `dispatch` with the request and
   * any further arguments. The handler carries `dispatch`'s access rules, so
   * `getAccessRules(MyView.asView())` reports them. A CORS preflight is
   * answered by the built-in `options()` with no guard run (a preflight
   * never carries credentials); every other request goes through `dispatch`.
   */
  static asView<V extends View>(this: new () => V): ViewHandler<V> {
    // biome-ignore lint/complexity/noThisInStatic: the subclass asView is called on, never View itself
    return viewHandler(this);
  }

  /**
   * Calls the method of this view named by the request's HTTP method, in
   * lower case, with the request and `args`; a 405 JSON response when the view
   * has none. Guard this method to guard the whole view.
   */
  dispatch(request: any, ...args: any[]): any {
    const handler = handlerFor(this, (requestMethod(request) ?? '').toLowerCase());
    if (handler === undefined) return methodNotAllowed(allowedMethods(this));
    return Reflect.apply(handler, this, [request, ...args]);
  }

  /** Django's default answer to OPTIONS: `204 No Content` with the `allow` header. */
  options(_request?: unknown, ..._args: unknown[]): JsonResponse {
    return jsonResponse(null, { status: 204, headers: { allow: allowedMethods(this).join(', ') } });
  }

  /**
   * The data a handler renders: a copy of `kwargs`. Unlike Django's, it holds
   * no reference to the view, so it always serializes. Override it to add data.
   *
   * @example
   * get() { return this.renderToResponse(this.getContextData({ page: 1 })); }
   */
  getContextData<K extends object = {}>(kwargs?: K): K {
    if (kwargs !== undefined && (typeof kwargs !== 'object' || kwargs === null)) {
      throw new TypeError(`getContextData: kwargs must be an object, got ${describeValue(kwargs)}`);
    }
    return { ...kwargs } as K;
  }
}

const BUILT_IN_OPTIONS = View.prototype.options;

// What `asView()` returns, named after the view and carrying what its
// `dispatch` carries (access rules included), as Django's `as_view` copies
// `dispatch`'s attributes.
function viewHandler<V extends View>(Class: new () => V): ViewHandler<V> {
  const handler = (request: unknown, ...args: unknown[]) => {
    const view = new Class();
    view.request = request;
    view.args = args;
    if (isCorsPreflight(request) && readProperty(view, 'options') === BUILT_IN_OPTIONS) {
      return view.options(request, ...args);
    }
    return view.dispatch(request, ...args);
  };
  keepIdentity(handler, (findMethod(Class, 'dispatch') as HandlerMethod).method);
  Object.defineProperty(handler, 'name', { value: Class.name, configurable: true });
  return handler as ViewHandler<V>;
}

// The library's own defaults are not endpoints of their own: helpers for a
// class-level guard to skip, and the verbs reach callers only through dispatch.
markLibraryHelper(View.prototype.options);
markLibraryHelper(View.prototype.getContextData);
declareEntryMethod(View, 'dispatch', HTTP_METHOD_NAMES);
