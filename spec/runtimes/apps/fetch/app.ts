// One small Fetch app, served unchanged by Node, Bun, Deno and Next.js route
// handlers: who the user is comes from a cookie, told to ajax-guard once.
import {
  configure,
  JSONResponseMixin,
  type JsonResponse,
  jsonResponse,
  loginRequired,
  loginRequiredAjax,
  permissionRequiredAjax,
  RequireSignInAjax,
  View,
} from 'ajax-guard';
import { toHandler } from 'ajax-guard/fetch';
import { type User, userFromCookie } from '../users.ts';

/** The signed-in user a request's `user` cookie names, if any. */
export function userFrom(request: Request): User | undefined {
  return userFromCookie(request.headers.get('cookie'));
}

configure({ getUser: userFrom });

@loginRequiredAjax()
class Api {
  me(request: Request): JsonResponse {
    return jsonResponse({ name: userFrom(request)?.name });
  }

  @permissionRequiredAjax('reports.view')
  reports(_request: Request): JsonResponse {
    return jsonResponse({ reports: ['q1', 'q2'] });
  }
}

class Dashboard extends RequireSignInAjax(JSONResponseMixin(View)) {
  get(request: Request) {
    return this.renderToResponse(this.getContextData({ dashboard: userFrom(request)?.name }));
  }
}

const api = new Api();
const account = loginRequired({ loginUrl: '/login' })((request: Request) => jsonResponse({ account: userFrom(request)?.name }));

/** The app's route handlers, each a `(request: Request) => Promise<Response>`. */
export const me = toHandler((request) => api.me(request));
export const reports = toHandler((request) => api.reports(request));
export const accountPage = toHandler(account);
export const dashboard = toHandler(Dashboard.asView());

const routes = new Map([
  ['me', me],
  ['reports', reports],
  ['account', accountPage],
  ['dashboard', dashboard],
]);

/** Answers a request by the last segment of its path: `/me`, `/reports`, `/account`, `/dashboard`. */
export function handle(request: Request): Promise<Response> {
  const route = routes.get(new URL(request.url).pathname.split('/').pop() ?? '');
  return route ? route(request) : Promise.resolve(Response.json({ error: 'not found' }, { status: 404 }));
}
