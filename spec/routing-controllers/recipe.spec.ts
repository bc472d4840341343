import { createServer } from 'node:http';
import { loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import express from 'express';
import Koa from 'koa';
import { Body, Get, JsonController, Param, Post, useExpressServer, useKoaServer } from 'routing-controllers';
import { type ReferenceFramework, referenceAnswer, startReference, written } from '../support/adapter-references.js';
import { pinClock } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { call } from '../support/http-client.js';
import { listen, type RunningServer } from '../support/http-server.js';
import { JsonResponses, readServedRequests, requests } from './json-responses.js';

const ALICE = { name: 'alice' };
const signedIn = (authorization: string | undefined) => (authorization === 'Bearer alice' ? ALICE : undefined);

@JsonController('/items')
class ItemsController {
  @Get('/count')
  @loginRequiredAjax()
  count(): { count: number } {
    return { count: 3 };
  }

  @Get('/:id')
  @loginRequiredAjax()
  async one(@Param('id') id: string): Promise<{ id: string }> {
    return { id };
  }

  @Post('/')
  @loginRequiredAjax()
  create(@Body() dto: { name: string }): { created: string } {
    return { created: dto.name };
  }
}

function onExpress(): Promise<RunningServer> {
  const app = express();
  app.use((req, _res, next) => {
    (req as { user?: unknown }).user = signedIn(req.headers.authorization);
    requests.run(req, next);
  });
  // biome-ignore lint/correctness/useHookAtTopLevel: routing-controllers' server set-up, not a React hook
  useExpressServer(app, { controllers: [ItemsController], interceptors: [JsonResponses] });
  return listen(createServer(app));
}

function onKoa(): Promise<RunningServer> {
  const app = new Koa();
  app.use((ctx, next) => {
    ctx.state.user = signedIn(ctx.get('authorization'));
    return requests.run(ctx, next);
  });
  // biome-ignore lint/correctness/useHookAtTopLevel: routing-controllers' server set-up, not a React hook
  useKoaServer(app, { controllers: [ItemsController], interceptors: [JsonResponses] });
  return listen(createServer(app.callback()));
}

const DRIVERS: readonly [string, ReferenceFramework, () => Promise<RunningServer>][] = [
  ['Express', 'express', onExpress],
  ['Koa', 'koa', onKoa],
];

const json = (payload: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(payload),
});

for (const [name, framework, start] of DRIVERS) {
  describe(inMode(`the routing-controllers recipe on the ${name} driver`), () => {
    let server: RunningServer;
    let reference: RunningServer;
    const at = (path: string, init?: RequestInit) => call(`${server.url}${path}`, init);

    before(async () => {
      server = await start();
      reference = await startReference(framework);
    });
    beforeEach(() => {
      readServedRequests();
      pinClock();
    });
    after(async () => {
      await server?.close();
      await reference?.close();
    });

    for (const [shape, path, init] of [
      ['no parameters', '/items/count', undefined],
      ['@Param() first (an async handler)', '/items/42', undefined],
      ['@Body() first', '/items', json({ name: 'pen' })],
    ] as const) {
      it(`answers an anonymous caller of a route with ${shape} with the adapter's exact 401`, async () => {
        expect(written(await at(path, init))).to.deep.equal(await referenceAnswer(reference, '/401'));
      });
    }

    it('never lets a body that claims a user through', async () => {
      expect((await at('/items', json({ name: 'pen', user: ALICE }))).status).to.equal(401);
    });

    it('leaves a signed-in caller’s data to routing-controllers', async () => {
      const headers = { authorization: 'Bearer alice' };
      const answers = await Promise.all([
        at('/items/count', { headers }),
        at('/items/42', { headers }),
        at('/items', json({ name: 'pen' }, headers)),
      ]);
      expect(answers.map(({ status, body }) => [status, body])).to.deep.equal([
        [200, '{"count":3}'],
        [200, '{"id":"42"}'],
        [200, '{"created":"pen"}'],
      ]);
    });
  });
}
