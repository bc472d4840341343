import { createServer } from 'node:http';
import { jsonResponse, loginRequiredAjax, permissionRequiredAjax } from 'ajax-guard';
import * as expressAdapter from 'ajax-guard/express';
import * as fastifyAdapter from 'ajax-guard/fastify';
import * as koaAdapter from 'ajax-guard/koa';
import express from 'express';
import Fastify from 'fastify';
import Koa from 'koa';
import { type Answer, call } from './http-client.js';
import { listen, type RunningServer } from './http-server.js';

/**
 * What ajax-guard/express, /fastify and /koa write for a refusal and a
 * handler's own JsonResponse: the bytes an app built on a framework over
 * them (NestJS, routing-controllers) must write too.
 */

/** The frameworks a reference is served on. */
export type ReferenceFramework = 'express' | 'fastify' | 'koa';

type Route = (request: any) => unknown;

const ROUTES: Readonly<Record<string, Route>> = {
  '/401': loginRequiredAjax()((_request: object) => 'never'),
  '/403': permissionRequiredAjax('items.delete')((_request: object) => 'never'),
  '/made': () => jsonResponse({ made: true }, { status: 201, headers: { location: '/items/7', 'x-made-by': 'handler' } }),
};

// The bob of the Nest app: signed in, with no permission.
const BOB = { name: 'bob', permissions: [] };

async function onExpress(): Promise<RunningServer> {
  const app = express();
  app.use((req, _res, next) => {
    (req as { user?: unknown }).user = req.path === '/403' ? BOB : undefined;
    next();
  });
  for (const [path, route] of Object.entries(ROUTES)) app.all(path, expressAdapter.toHandler(route));
  return listen(createServer(app));
}

async function onFastify(): Promise<RunningServer> {
  const app = Fastify();
  app.decorateRequest('user', null as never);
  app.addHook('onRequest', async (request) => {
    (request as { user?: unknown }).user = request.url === '/403' ? BOB : undefined;
  });
  for (const [path, route] of Object.entries(ROUTES)) app.all(path, fastifyAdapter.toHandler(route));
  await app.ready();
  return listen(app.server);
}

function onKoa(): Promise<RunningServer> {
  const app = new Koa();
  const handlers = new Map(Object.entries(ROUTES).map(([path, route]) => [path, koaAdapter.toHandler(route)]));
  app.use((ctx, next) => {
    ctx.state.user = ctx.path === '/403' ? BOB : undefined;
    return (handlers.get(ctx.path) ?? ((_ctx, pass) => pass()))(ctx, next);
  });
  return listen(createServer(app.callback()));
}

const START = { express: onExpress, fastify: onFastify, koa: onKoa };

/** Serves the reference answers with `framework`'s own ajax-guard adapter. */
export const startReference = (framework: ReferenceFramework): Promise<RunningServer> => START[framework]();

// Per connection and per instant: not part of what a response says.
const TRANSPORT = new Set(['date', 'connection', 'keep-alive']);

/** An answer as compared byte for byte: status, headers (less the transport ones) and body text. */
export interface Written {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export function written(answer: Answer): Written {
  const headers: Record<string, string> = {};
  for (const [name, value] of answer.headers) if (!TRANSPORT.has(name)) headers[name] = value;
  return { status: answer.status, headers, body: answer.body };
}

/** What the reference server writes for `path` ('/401', '/403' or '/made'). */
export async function referenceAnswer(server: RunningServer, path: string, method = 'GET'): Promise<Written> {
  return written(await call(`${server.url}${path}`, { method }));
}
