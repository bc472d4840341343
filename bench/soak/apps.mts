/**
 * The soak's apps: one per adapter, each as an app on that framework would
 * be written, with a bearer-token middleware that signs callers in, its own
 * error handler (a 500 JSON, logged nowhere), and the same four routes:
 * `/me` (the default check), `/me-later` (an async check), `/boom` (a handler
 * that throws) and `/cycle` (a body JSON cannot hold).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { configure, type JsonResponse, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import * as expressAdapter from 'ajax-guard/express';
import * as fastifyAdapter from 'ajax-guard/fastify';
import * as fetchAdapter from 'ajax-guard/fetch';
import * as koaAdapter from 'ajax-guard/koa';
import express, { type ErrorRequestHandler } from 'express';
import Fastify from 'fastify';
import Koa from 'koa';

/** A signed-in caller: the load sends `authorization: Bearer user-<id>`. */
export interface User {
  readonly id: number;
}

export const USER_IDS = [1, 2, 3, 4, 5] as const;
const USERS = new Map(USER_IDS.map((id) => [`Bearer user-${id}`, Object.freeze({ id })]));
const userFor = (authorization: string | null | undefined): User | undefined => USERS.get(authorization ?? '');

export const APP_ERROR_BODY = '{"error":"internal"}';

// A Fetch Request carries no user: the server keeps each one's here.
const fetchUsers = new WeakMap<Request, User>();

function userOf(request: any): User | undefined {
  return request instanceof Request ? fetchUsers.get(request) : (request.user ?? request.state?.user ?? undefined);
}

function requestIdOf(request: any): string | undefined {
  return (request instanceof Request ? request.headers.get('x-request-id') : request.headers['x-request-id']) ?? undefined;
}

class Account {
  @loginRequiredAjax()
  me(request: object): JsonResponse {
    return jsonResponse({ id: userOf(request)?.id, request: requestIdOf(request) });
  }

  @loginRequiredAjax({ isAuthenticated: async (request: object) => userOf(request) !== undefined })
  async meLater(request: object): Promise<JsonResponse> {
    return this.me(request);
  }

  @loginRequiredAjax()
  boom(_request: object): JsonResponse {
    throw new Error('the handler failed');
  }

  @loginRequiredAjax()
  cycle(_request: object): JsonResponse {
    const node: Record<string, unknown> = {};
    node.self = node;
    return jsonResponse(node);
  }
}

type Route = (request: any) => unknown;

function routes(): Readonly<Record<string, Route>> {
  const account = new Account();
  return {
    '/me': (request) => account.me(request),
    '/me-later': (request) => account.meLater(request),
    '/boom': (request) => account.boom(request),
    '/cycle': (request) => account.cycle(request),
  };
}

/** A server on 127.0.0.1, and its URL. */
export interface Running {
  readonly url: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<Running> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function onExpress(): Promise<Running> {
  const app = express();
  app.use((req, _res, next) => {
    (req as { user?: User }).user = userFor(req.headers.authorization);
    next();
  });
  for (const [path, route] of Object.entries(routes())) app.get(path, expressAdapter.toHandler(route));
  const onError: ErrorRequestHandler = (_error, _req, res, _next) => {
    res.status(500).type('json').send(APP_ERROR_BODY);
  };
  app.use(onError);
  return listen(createServer(app));
}

function onKoa(): Promise<Running> {
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch {
      ctx.status = 500;
      ctx.type = 'json';
      ctx.body = APP_ERROR_BODY;
    }
  });
  app.use((ctx, next) => {
    ctx.state.user = userFor(ctx.get('authorization'));
    return next();
  });
  const handlers = new Map(Object.entries(routes()).map(([path, route]) => [path, koaAdapter.toHandler(route)]));
  app.use((ctx, next) => {
    const handler = handlers.get(ctx.path);
    return handler === undefined ? next() : handler(ctx, next);
  });
  return listen(createServer(app.callback()));
}

async function onFastify(): Promise<Running> {
  const app = Fastify();
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    (request as { user?: User }).user = userFor(request.headers.authorization);
  });
  for (const [path, route] of Object.entries(routes())) app.get(path, fastifyAdapter.toHandler(route));
  app.setErrorHandler((_error, _request, reply) => reply.code(500).type('application/json').send(APP_ERROR_BODY));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}

function onFetch(): Promise<Running> {
  // A Fetch app says how its requests authenticate.
  configure({ isAuthenticated: (request) => userOf(request) !== undefined });
  const handlers = new Map(Object.entries(routes()).map(([path, route]) => [path, fetchAdapter.toHandler(route)]));
  const failed = () => new Response(APP_ERROR_BODY, { status: 500, headers: { 'content-type': 'application/json' } });
  return listen(
    createAdaptorServer({
      fetch: (request: Request) => {
        const user = userFor(request.headers.get('authorization'));
        if (user !== undefined) fetchUsers.set(request, user);
        const handler = handlers.get(new URL(request.url).pathname);
        return handler === undefined ? new Response(null, { status: 404 }) : handler(request).catch(failed);
      },
    }) as Server,
  );
}

/** Each adapter's app, by name. */
export const APPS: Readonly<Record<string, () => Promise<Running>>> = {
  express: onExpress,
  koa: onKoa,
  fastify: onFastify,
  fetch: onFetch,
};
