import { createServer, type Server } from 'node:http';
import { Readable } from 'node:stream';
import { createAdaptorServer } from '@hono/node-server';
import * as expressAdapter from 'ajax-guard/express';
import * as fastifyAdapter from 'ajax-guard/fastify';
import * as fetchAdapter from 'ajax-guard/fetch';
import * as koaAdapter from 'ajax-guard/koa';
import express from 'express';
import Fastify from 'fastify';
import Koa from 'koa';
import { callerFor, signInFetchRequest } from './callers.js';
import { listen, type RunningServer } from './http-server.js';

/**
 * Every adapter on a real server, each framework with its own default error
 * handling (a 500) and a token middleware that signs callers in (see
 * `callers.ts`): what the reliability specs run against.
 */

/** What a route's function receives: the framework's own arguments (`req, res, next`; `ctx, next`; `request, reply`; `request`). */
export type Route = (request: any, response?: any) => unknown;
export type Routes = Readonly<Record<string, Route>>;

export interface Framework {
  readonly name: string;
  /** Serves `GET <path>` for each route through the adapter's `toHandler`, on loopback. */
  start(routes: Routes): Promise<RunningServer>;
  /** Routes that write part of their answer and then fail, as an app on this framework can. */
  readonly partialWrites: Routes;
}

// The previous majors, installed under aliases for the tests.
const express4 = require('express4') as typeof express;
const Koa2 = require('koa2') as typeof Koa;
const Fastify4 = require('fastify4') as typeof Fastify;

/** Some bytes, then an error: a body stream whose source fails half-way. */
export function failingStream(): Readable {
  const stream = new Readable({ read() {} });
  stream.push('partial');
  setImmediate(() => stream.destroy(new Error('the source failed half-way')));
  return stream;
}

function onExpress(name: string, framework: typeof express): Framework {
  return {
    name,
    start(routes) {
      const app = framework();
      // Express's final handler answers 500 either way; only in 'test' does it keep the stack off stderr.
      app.set('env', 'test');
      app.use((req, _res, next) => {
        (req as { user?: unknown }).user = callerFor(req.headers.authorization);
        next();
      });
      for (const [path, route] of Object.entries(routes)) app.get(path, expressAdapter.toHandler(route));
      return listen(createServer(app));
    },
    partialWrites: {
      '/write-then-throw': (_req, res) => {
        res.write('partial');
        throw new Error('failed after a partial write');
      },
    },
  };
}

function onKoa(name: string, Framework: typeof Koa, partialWrites: Routes): Framework {
  return {
    name,
    start(routes) {
      const app = new Framework();
      // Koa answers 500 either way; silent keeps the error off stderr.
      app.silent = true;
      app.use((ctx, next) => {
        ctx.state.user = callerFor(ctx.get('authorization'));
        return next();
      });
      const handlers = new Map(Object.entries(routes).map(([path, route]) => [path, koaAdapter.toHandler(route)]));
      app.use((ctx, next) => (handlers.get(ctx.path) ?? ((_ctx, pass) => pass()))(ctx, next));
      return listen(createServer(app.callback()));
    },
    partialWrites,
  };
}

const koaFlushThenThrow: Route = async (ctx) => {
  ctx.status = 200;
  ctx.flushHeaders();
  ctx.res.write('partial');
  throw new Error('failed after a partial write');
};

function onFastify(name: string, framework: typeof Fastify): Framework {
  return {
    name,
    async start(routes) {
      const app = framework();
      app.decorateRequest('user', null as never);
      app.addHook('onRequest', async (request) => {
        (request as { user?: unknown }).user = callerFor(request.headers.authorization);
      });
      for (const [path, route] of Object.entries(routes)) app.get(path, fastifyAdapter.toHandler(route));
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      return {
        url,
        close: async () => {
          app.server.closeAllConnections();
          await app.close();
        },
      };
    },
    partialWrites: { '/failing-stream': (_request, reply) => reply.send(failingStream()) },
  };
}

// A Fetch handler served by @hono/node-server with no framework around it:
// a rejection reaches the runtime's own error handling, a bare 500.
const onFetch: Framework = {
  name: 'the Fetch API, served by @hono/node-server',
  start(routes) {
    const handlers = new Map(Object.entries(routes).map(([path, route]) => [path, fetchAdapter.toHandler(route)]));
    return listen(
      createAdaptorServer({
        fetch: (request: Request) => {
          signInFetchRequest(request);
          const handler = handlers.get(new URL(request.url).pathname);
          return handler === undefined ? new Response(null, { status: 404 }) : handler(request);
        },
      }) as Server,
    );
  },
  partialWrites: { '/failing-stream': () => new Response(Readable.toWeb(failingStream()) as ReadableStream) },
};

/** Each adapter on each supported major of its framework. */
export const FRAMEWORKS: readonly Framework[] = [
  onExpress('Express 5', express),
  onExpress('Express 4', express4),
  onKoa('Koa 3', Koa, {
    '/flush-then-throw': koaFlushThenThrow,
    '/failing-stream': (ctx) => {
      ctx.body = failingStream();
    },
  }),
  // Koa 2 itself leaves a failing body stream's connection open: only Koa 3 ends it.
  onKoa('Koa 2', Koa2, { '/flush-then-throw': koaFlushThenThrow }),
  onFastify('Fastify 5', Fastify),
  onFastify('Fastify 4', Fastify4),
  onFetch,
];
