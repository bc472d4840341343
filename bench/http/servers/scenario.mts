/**
 * What every server variant serves, to whom, and the answers its
 * hand-written checks build: one tiny identity hook per framework, the same
 * in each of its variants (peers included), so that the variants differ
 * only in the check. A request carrying a token gets its user as `req.user`
 * (Express), `ctx.state.user` (Koa) or `request.user` (Fastify).
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import type { FastifyInstance } from 'fastify';
import type { Context, Next } from 'koa';

/** Each case's route. */
export const ROUTES = {
  sync: '/items',
  async: '/items-async',
  store: '/items-store',
  login: '/page',
  permission: '/admin/items',
  schema: '/items-schema',
  middleware: '/guarded/items',
} as const;

/** The header a signed-in caller sends, and its values: a user, and an admin who holds `PERMISSION`. */
export const TOKEN_HEADER = 'authorization';
export const TOKENS = { user: 'Bearer bench-token', admin: 'Bearer bench-admin' } as const;
export const PERMISSION = 'items.delete';
export const USER = { id: 7, name: 'alice', permissions: [] as string[] };
export const ADMIN = { id: 1, name: 'root', permissions: [PERMISSION] };
export type User = typeof USER;

/** What a browser's navigation and a script's fetch send as Accept. */
export const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
export const SCRIPT_ACCEPT = 'application/json';

/** The small JSON object every route answers with, and its Fastify response schema. */
export const ITEMS = {
  items: [
    { id: 1, name: 'pen' },
    { id: 2, name: 'ink' },
  ],
  total: 2,
};
export const ITEMS_SCHEMA = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    },
    total: { type: 'integer' },
  },
} as const;

/** How long the simulated store takes on the store route. */
export const STORE_DELAY_MS = 1;

/** The simulated session store: whether `user` is signed in, from a resolved Promise or after `delayMs`. */
export function storeSays(user: unknown, delayMs: number): Promise<boolean> {
  const signedIn = user !== undefined && user !== null;
  return delayMs === 0 ? Promise.resolve(signedIn) : new Promise((resolve) => setTimeout(resolve, delayMs, signedIn));
}

/** The headers of ajax-guard's answers that hand-written code sets itself (JSON's content type aside). */
export const REFUSAL_HEADERS = { 'cache-control': 'no-store', 'www-authenticate': 'Session' };
export const FORBIDDEN_HEADERS = { 'cache-control': 'no-store' };
export const LOGIN_VARY = 'Accept, X-Requested-With, Sec-Fetch-Mode, HX-Request';
export const LOGIN_REFUSAL_HEADERS = { ...REFUSAL_HEADERS, vary: LOGIN_VARY };

const seedError = (status: string, message: string, errorcode: string) => ({
  status,
  message,
  timestamp: String(Math.floor(Date.now() / 1000)),
  errorcode,
});
/** The seed's 401 and 403 bodies, built per request as hand-written code does. */
export const seedRefusal = () => seedError('401', 'Unknown authentication scheme', 'AUTHENTICATION_REQUIRED');
export const seedForbidden = () => seedError('403', 'Permission denied', 'PERMISSION_DENIED');

/** A browser's redirect to the login page, back to `path`: its headers and its JSON body. */
export function loginRedirect(path: string) {
  const location = `/login?next=${encodeURIComponent(path)}`;
  return {
    headers: { location, vary: LOGIN_VARY, 'cache-control': 'no-store' },
    body: { status: '302', message: 'Login required', location },
  };
}

/** True for a hand-written check's idea of a script: htmx, a fetch that says so, XHR, or no preference for HTML. */
export function isScript(headers: { readonly [name: string]: unknown }, prefersHtml: () => boolean): boolean {
  if (headers['hx-request'] === 'true') return true;
  const mode = headers['sec-fetch-mode'];
  if (mode !== undefined) return mode !== 'navigate';
  return headers['x-requested-with'] === 'XMLHttpRequest' || !prefersHtml();
}

type Headers = { readonly [name: string]: string | string[] | undefined };
const userFor = (headers: Headers): User | undefined => {
  const token = headers[TOKEN_HEADER];
  return token === TOKENS.user ? USER : token === TOKENS.admin ? ADMIN : undefined;
};

/** Express middleware. */
export function identifyExpress(req: Request, _res: Response, next: NextFunction): void {
  const user = userFor(req.headers);
  if (user !== undefined) (req as { user?: object }).user = user;
  next();
}

/** Koa middleware. */
export function identifyKoa(ctx: Context, next: Next): Promise<unknown> {
  const user = userFor(ctx.headers);
  if (user !== undefined) ctx.state.user = user;
  return next();
}

/** Fastify onRequest hook, with `user` declared (null) as Fastify asks of request properties. */
export function identifyFastify(app: FastifyInstance): FastifyInstance {
  app.decorateRequest('user', null);
  app.addHook('onRequest', (request, _reply, done) => {
    const user = userFor(request.headers);
    if (user !== undefined) (request as { user?: object | null }).user = user;
    done();
  });
  return app;
}

/** Listens on 127.0.0.1 with an ephemeral port; resolves once listening. */
export function listen(listener: RequestListener): Promise<Server> {
  const server = createServer(listener);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** A server listening: what the process reports is its port (a Node server, or Bun's wrapped). */
export interface Listening {
  address(): AddressInfo | string | null;
}

/** Starts one variant's server: what each server module exports, by variant or framework name. */
export type Start = () => Promise<Listening>;
