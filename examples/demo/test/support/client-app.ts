import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { jsonResponse, loginRequired, loginRequiredAjax, permissionRequiredAjax, RequireSignInAjax, View } from 'ajax-guard';
import { toHandler } from 'ajax-guard/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { listen } from '../../servers/listen.js';
import { VENDOR_FILES } from '../../servers/vendor-files.js';
import { CALL_WITH, harnessPage, LOGIN_PAGE } from './harness-pages.js';

// build/examples/demo/test/support/ -> the repository.
const ROOT = resolve(__dirname, '../../../../..');

/** The scripts a harness page may load, beyond the demo's own. */
const SCRIPTS: Readonly<Record<string, string>> = {
  ...VENDOR_FILES,
  '/vendor/htmx2.js': resolve(ROOT, 'node_modules/htmx2/dist/htmx.js'),
  '/vendor/axios.js': resolve(ROOT, 'node_modules/axios/dist/axios.js'),
};

const SESSION_COOKIE = 'signed_in=1';

// The test's whole notion of a session: a cookie that says so.
const isSignedIn = (req: Request): boolean => (req.headers.cookie ?? '').split(/;\s*/).includes(SESSION_COOKIE);
const guard = { isAuthenticated: isSignedIn };

/** A View guarded the original snippet's way (`dispatch` wrapped): every verb of it needs a signed-in user. */
class GuardedView extends RequireSignInAjax(View) {
  get(): unknown {
    return jsonResponse({ route: 'view' });
  }

  delete(): unknown {
    return jsonResponse({ deleted: true });
  }
}

/** The app the browser tests drive, and every request it saw. */
export interface ClientApp {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The same app under another origin, `http://localhost:<port>`, for cross-origin calls. */
  readonly otherOrigin: string;
  /** `METHOD /path` of every request the server saw, in order. */
  readonly seen: string[];
  close(): Promise<void>;
}

/**
 * A small Express app over the built package: `GET /ajax` behind
 * `loginRequiredAjax`, `GET /fragment` behind `loginRequired` (rendered
 * through Express, the handler returning nothing), `DELETE /admin` behind
 * `permissionRequiredAjax('admin')`, a guarded `View` at `/view` that
 * `otherOrigin` may call with CORS, a login page, and harness pages that
 * load htmx 4 or 2, jQuery, axios and `ajax-guard/client` from the files
 * npm installed.
 *
 * @example
 * const app = await startClientApp();
 * after(() => app.close());
 */
export async function startClientApp(): Promise<ClientApp> {
  const seen: string[] = [];
  let otherOrigin = '';
  const app = express();
  app.use((req: Request, _res: Response, next: NextFunction) => {
    seen.push(`${req.method} ${req.path}`);
    next();
  });
  for (const [path, file] of Object.entries(SCRIPTS)) app.get(path, (_req, res) => res.type('js').sendFile(file));
  app.get('/harness/call-with.js', (_req, res) => void res.type('js').send(CALL_WITH));
  app.get('/page/:name', (req, res) => void res.type('html').send(harnessPage(req.params.name as string)));
  app.get('/login', (_req, res) => void res.type('html').send(LOGIN_PAGE));
  app.post('/login', (req, res) => {
    const next = typeof req.query.next === 'string' && /^\/(?![/\\])/.test(req.query.next) ? req.query.next : '/';
    res.setHeader('set-cookie', `${SESSION_COOKIE}; Path=/; HttpOnly; SameSite=Lax`);
    res.redirect(303, next);
  });
  app.post('/logout', (_req, res) => {
    res.setHeader('set-cookie', 'signed_in=; Path=/; Max-Age=0');
    res.status(204).end();
  });
  app.get('/ajax', toHandler(loginRequiredAjax(guard)(() => jsonResponse({ route: 'ajax' }))));
  app.get(
    '/fragment',
    toHandler(
      loginRequired({ ...guard, loginUrl: '/login' })(
        (_req: Request, res: Response) => void res.type('html').send('<p id="fragment">The fragment</p>'),
      ),
    ),
  );
  app.delete(
    '/admin',
    toHandler(permissionRequiredAjax('admin', { ...guard, hasPermission: () => false })(() => jsonResponse({ deleted: true }))),
  );
  // What a CORS middleware does for the one other origin this app trusts.
  app.use('/view', (req, res, next) => {
    if (req.headers.origin === otherOrigin) {
      res.setHeader('access-control-allow-origin', otherOrigin);
      res.setHeader('access-control-allow-methods', 'GET, DELETE');
      res.setHeader('vary', 'Origin');
    }
    next();
  });
  app.all('/view', toHandler(GuardedView.asView()));

  const server = await listen(createServer(app), { host: '127.0.0.1', port: 0 });
  otherOrigin = server.url.replace('127.0.0.1', 'localhost');
  return { url: server.url, otherOrigin, seen, close: () => server.close() };
}
