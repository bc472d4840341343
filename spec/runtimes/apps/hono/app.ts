// The same small app on Hono, served by @hono/node-server and by Bun: a
// middleware puts the user in `c.var.user`, where ajax-guard looks by default.
import {
  JSONResponseMixin,
  type JsonResponse,
  jsonResponse,
  loginRequired,
  loginRequiredAjax,
  permissionRequiredAjax,
  RequireSignInAjax,
  View,
} from 'ajax-guard';
import { toHandler, toMiddleware } from 'ajax-guard/hono';
import { type Context, Hono } from 'hono';
import { type User, userFromCookie } from '../users.ts';

type Env = { Variables: { user: User | undefined } };
type C = Context<Env>;

@loginRequiredAjax()
class Api {
  me(c: C): JsonResponse {
    return jsonResponse({ name: c.var.user?.name });
  }

  @permissionRequiredAjax('reports.view')
  reports(_c: C): JsonResponse {
    return jsonResponse({ reports: ['q1', 'q2'] });
  }
}

class Dashboard extends RequireSignInAjax(JSONResponseMixin(View)) {
  get(c: C) {
    return this.renderToResponse(this.getContextData({ dashboard: c.var.user?.name }));
  }
}

const api = new Api();

export const app = new Hono<Env>();

app.use(async (c, next) => {
  c.set('user', userFromCookie(c.req.header('cookie')));
  await next();
});

app.get(
  '/me',
  toHandler((c: C) => api.me(c)),
);
app.get(
  '/reports',
  toHandler((c: C) => api.reports(c)),
);
app.get('/account', toHandler(loginRequired({ loginUrl: '/login' })((c: C) => jsonResponse({ account: c.var.user?.name }))));
app.get('/dashboard', toHandler(Dashboard.asView()));

// The middleware form: every route under /admin needs the permission.
app.use('/admin/*', toMiddleware(permissionRequiredAjax('reports.view')));
app.get('/admin/reports', (c) => c.json({ reports: ['q1', 'q2'] }));
