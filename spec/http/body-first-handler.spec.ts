import http from 'node:http';
import { loginRequiredAjax, permissionRequiredAjax } from 'ajax-guard';
import { toHandler } from 'ajax-guard/express';
import { expect } from 'chai';
import express, { type NextFunction, type Request, type Response } from 'express';
import { callerFor, credentialsOf } from '../support/callers.js';
import { inMode } from '../support/decorator-mode.js';
import { postJson } from '../support/http-client.js';
import { listen, type RunningServer } from '../support/http-server.js';

const express4 = require('express4') as typeof express;

// Data a body or a query string can carry that looks like a signed-in user.
const FORGED_BODIES = {
  'an empty user': { user: {} },
  'a user with the permission': { user: { permissions: ['items.delete'] } },
};

// The body as a validator hands it on (class-transformer's plainToInstance, or
// Object.assign onto a new instance): a class instance, no longer plain data.
class ItemDto {
  title = '';
}
const toDto = (body: object): ItemDto => Object.assign(new ItemDto(), body);

// A NestJS-style service: the body first, the request second.
class Items {
  handled = 0;

  @permissionRequiredAjax('items.delete')
  remove(_dto: object, _req: object): { removed: true } {
    this.handled++;
    return { removed: true };
  }

  @loginRequiredAjax()
  create(_dto: object, _req: object): { created: true } {
    this.handled++;
    return { created: true };
  }

  @loginRequiredAjax({ getRequest: (args) => args[1] })
  createWhereTheRequestIs(_dto: object, _req: object): { created: true } {
    this.handled++;
    return { created: true };
  }
}

// What the framework's own error path made of an error: its message, for the spec to read.
function errorsAsJson(error: Error, _req: Request, res: Response, _next: NextFunction): void {
  res.status(500).json({ message: error.message });
}

function app(framework: typeof express, items: Items): express.Express {
  const made = framework();
  made.use(framework.json());
  made.use((req, _res, next) => {
    const caller = callerFor(req.headers.authorization);
    if (caller !== undefined) (req as { user?: object }).user = { ...caller, permissions: ['items.delete'] };
    next();
  });
  // Each route hands the service the body (or the query) first, as a NestJS @Body() would.
  const routes = [
    ['post', '/items/remove', (r: Request) => items.remove(r.body, r)],
    ['post', '/items', (r: Request) => items.create(r.body, r)],
    ['post', '/items/dto', (r: Request) => items.create(toDto(r.body), r)],
    ['post', '/items/remove/dto', (r: Request) => items.remove(toDto(r.body), r)],
    ['get', '/items', (r: Request) => items.create(r.query, r)],
    ['post', '/items/located', (r: Request) => items.createWhereTheRequestIs(r.body, r)],
  ] as const;
  for (const [method, path, handler] of routes) made[method](path, toHandler(handler));
  made.use(errorsAsJson);
  return made;
}

for (const [name, framework] of [
  ['Express 5', express],
  ['Express 4', express4],
] as const) {
  describe(inMode(`a body-first handler, create(dto, req), on ${name} over HTTP`), () => {
    let server: RunningServer;
    const items = new Items();

    before(async () => {
      server = await listen(http.createServer(app(framework, items)));
    });
    after(() => server.close());
    beforeEach(() => {
      items.handled = 0;
    });

    for (const [what, body] of Object.entries(FORGED_BODIES)) {
      for (const path of ['/items', '/items/remove', '/items/dto', '/items/remove/dto']) {
        it(`never lets an anonymous POST ${path} of ${what} through: a 500 naming getRequest, quoting nothing`, async () => {
          const response = await postJson(`${server.url}${path}`, body);
          const text = await response.text();
          expect(response.status).to.equal(500);
          expect(JSON.parse(text).message).to.match(/getRequest/);
          expect(text).not.to.match(/permissions|items\.delete|"user"/);
          expect(items.handled).to.equal(0);
        });
      }
    }

    if (name === 'Express 4') {
      it('never lets an anonymous query string ?user[id]=1 through', async () => {
        const response = await fetch(`${server.url}/items?user[id]=1`, { signal: AbortSignal.timeout(5000) });
        expect(response.status).to.equal(500);
        expect(await response.text()).to.match(/getRequest/);
        expect(items.handled).to.equal(0);
      });
    }

    describe('with getRequest naming the request', () => {
      it('answers an anonymous caller 401, whatever the body says', async () => {
        const response = await postJson(`${server.url}/items/located`, FORGED_BODIES['an empty user']);
        expect(response.status).to.equal(401);
        expect(response.headers.get('cache-control')).to.equal('no-store');
        await response.arrayBuffer();
        expect(items.handled).to.equal(0);
      });

      it('runs the handler for a signed-in caller', async () => {
        const caller = { id: 1, name: 'user-1' };
        const response = await postJson(`${server.url}/items/located`, { title: 'x' }, credentialsOf(caller));
        expect(response.status).to.equal(200);
        expect(await response.json()).to.deep.equal({ created: true });
        expect(items.handled).to.equal(1);
      });
    });
  });
}
