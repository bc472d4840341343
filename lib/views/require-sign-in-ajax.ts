import { loginRequiredAjax } from '../decorators/login-required-ajax.js';
import { methodDecorator } from '../decorators/method-decorator.js';

type DispatchingClass = new (...args: any[]) => { dispatch(request: any, ...args: any[]): any };

/**
 * The `RequireSignInAjax` mixin of the original Django snippet: wraps `dispatch` with
 * `loginRequiredAjax()`, so an anonymous call to any verb of the view gets
 * the 401 JSON and no handler runs.
 *
 * @example
 * class MyView extends RequireSignInAjax(JSONResponseMixin(View)) {
 *   get() { return this.renderToResponse(this.getContextData()); }
 * }
 */
export function RequireSignInAjax<B extends DispatchingClass>(Base: B): B {
  class RequireSignInAjaxView extends Base {}
  methodDecorator(loginRequiredAjax(), 'dispatch')(RequireSignInAjaxView);
  return RequireSignInAjaxView;
}
