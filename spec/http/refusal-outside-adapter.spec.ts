import { createServer } from 'node:http';
import { type JsonResponse, loginRequiredAjax } from 'ajax-guard';
import { toHandler as koaHandler } from 'ajax-guard/koa';
import { expect } from 'chai';
import express, { type NextFunction, type Request, type Response } from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import Koa from 'koa';
import { inMode } from '../support/decorator-mode.js';
import { call } from '../support/http-client.js';
import { listen, type RunningServer } from '../support/http-server.js';

const express4 = require('express4') as typeof express;
const Koa2 = require('koa2') as typeof Koa;
const Fastify4 = require('fastify4') as typeof Fastify;

class Account {
  handled = 0;

  @loginRequiredAjax()
  show(_req: object): JsonResponse | { secret: string } {
    this.handled++;
    return { secret: 'alice' };
  }
}

// A 2xx that carries a refusal is the harm: the status must be an error, the body no refusal sent as data.
async function expectServerError(url: string): Promise<void> {
  const answer = await call(url);
  expect(answer.status).to.equal(500);
  expect(answer.body).not.to.include('AUTHENTICATION_REQUIRED');
  expect(answer.body).not.to.include('alice');
}

describe(inMode('a refusal handed to the framework’s own serializer, over HTTP'), () => {
  const account = new Account();
  const servers: RunningServer[] = [];
  const fastifyApps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await Promise.all(fastifyApps.splice(0).map((app) => app.close()));
    expect(account.handled).to.equal(0);
  });

  for (const [name, framework] of [
    ['Express 5', express],
    ['Express 4', express4],
  ] as const) {
    it(`answers 500, never a 2xx, for res.json(refusal) on ${name}`, async () => {
      const app = framework();
      app.get('/me', (req, res) => {
        res.json(account.show(req));
      });
      // Express's own error path, quietly: its default handler would print the stack in development.
      app.use((_error: Error, _req: Request, res: Response, _next: NextFunction) => {
        res.status(500).json({ message: 'Internal Server Error' });
      });
      servers.push(await listen(createServer(app)));
      await expectServerError(`${servers[0]?.url}/me`);
    });
  }

  for (const [name, Framework] of [
    ['Koa 3', Koa],
    ['Koa 2', Koa2],
  ] as const) {
    it(`answers 500, never a 2xx, for ctx.body = refusal on ${name}`, async () => {
      const app = new Framework();
      app.silent = true;
      app.use((ctx) => {
        ctx.body = account.show(ctx);
      });
      servers.push(await listen(createServer(app.callback())));
      await expectServerError(`${servers[0]?.url}/me`);
    });
  }

  for (const [name, make] of [
    ['Fastify 5', Fastify],
    ['Fastify 4', Fastify4],
  ] as const) {
    it(`answers 500, never a 2xx, for a plain ${name} handler returning a refusal`, async () => {
      const app = make({ logger: false });
      app.get('/me', async (request) => account.show(request));
      fastifyApps.push(app);
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      await expectServerError(`${address}/me`);
    });
  }
});

describe(inMode('a Promise where Koa keeps the user (a forgotten await), over HTTP'), () => {
  let server: RunningServer;
  const account = new Account();

  before(async () => {
    const app = new Koa();
    app.use(async (ctx, next) => {
      // A token middleware that forgot to await its lookup: even a forged token "finds" a user.
      ctx.state.user = Promise.resolve({ id: 1, name: 'alice' });
      await next();
    });
    app.use(koaHandler((ctx) => account.show(ctx)));
    server = await listen(createServer(app.callback()));
  });
  after(() => server.close());

  it('answers 401 and never runs the handler', async () => {
    const answer = await call(`${server.url}/me`, { headers: { authorization: 'Bearer forged' } });
    expect(answer.status).to.equal(401);
    expect(JSON.parse(answer.body)).to.include({ errorcode: 'AUTHENTICATION_REQUIRED' });
    expect(account.handled).to.equal(0);
  });
});
