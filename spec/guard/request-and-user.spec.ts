import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import {
  checkAccess,
  configure,
  type JsonResponse,
  jsonResponse,
  loginRequiredAjax,
  permissionRequiredAjax,
  resetSettings,
  userPassesTestAjax,
} from 'ajax-guard';
import { expect } from 'chai';
import { decoratorMode, inMode } from '../support/decorator-mode.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';

// A Node request as the HTTP parser leaves it: what Express hands a handler.
const nodeRequest = (user?: object): IncomingMessage =>
  Object.assign(new IncomingMessage(new Socket()), { httpVersion: '1.1', method: 'POST' }, user ? { user } : {});

describe(inMode('where the request is'), () => {
  afterEach(() => resetSettings());

  describe('a body-first handler, create(dto, req), with no getRequest', () => {
    class Items {
      @permissionRequiredAjax('items.delete')
      remove(_dto: object, _req: object): string {
        return 'removed';
      }
    }

    it('throws a TypeError naming the guard and getRequest, and never runs the handler', () => {
      const body = { user: { permissions: ['items.delete'] } };
      expect(() => new Items().remove(body, nodeRequest())).to.throw(TypeError, /@permissionRequiredAjax\(\).*getRequest/);
    });

    it('quotes nothing of the body in that error', () => {
      const body = { user: { name: 'eve-the-attacker' } };
      expect(() => new Items().remove(body, nodeRequest()))
        .to.throw(TypeError)
        .with.property('message')
        .that.does.not.include('eve-the-attacker');
    });
  });

  describe('a body-first handler, create(dto, req), given what each framework hands a handler', () => {
    // Each framework's own request class: never plain data.
    class KoaContext {
      constructor(readonly req: IncomingMessage) {}
    }
    class FastifyRequest {
      constructor(readonly raw: IncomingMessage) {}
    }
    class HonoRequest {
      constructor(readonly raw: Request) {}
    }
    class HonoContext {
      constructor(readonly req: HonoRequest) {}
    }
    const fetchRequest = (): Request => new Request('http://127.0.0.1/items', { method: 'POST' });
    const requests: ReadonlyArray<[string, () => object]> = [
      ["Node's IncomingMessage (Express)", () => nodeRequest()],
      ["Koa's context, wrapping it as req", () => new KoaContext(nodeRequest())],
      ["Fastify's request, wrapping it as raw", () => new FastifyRequest(nodeRequest())],
      ['a Fetch Request', fetchRequest],
      ["Hono's request, wrapping a Fetch Request as raw", () => new HonoRequest(fetchRequest())],
      ["Hono's context, whose req wraps a Fetch Request as raw", () => new HonoContext(new HonoRequest(fetchRequest()))],
    ];
    const body = { user: { id: 1, permissions: ['items.delete'] } };
    for (const [what, request] of requests) {
      it(`throws a TypeError naming getRequest for ${what}, and never runs the handler`, () => {
        const handler = (_dto: object, _req: object) => 'created';
        expect(() => loginRequiredAjax()(handler)(body, request())).to.throw(TypeError, /argument 2 is the framework's request/);
      });

      it(`throws it for ${what} under stacked guards too`, () => {
        const guarded = loginRequiredAjax()(permissionRequiredAjax('items.delete')((_dto: object, _req: object) => 'created'));
        expect(() => guarded(body, request())).to.throw(TypeError, /@loginRequiredAjax\(\).*getRequest/);
      });
    }

    // A validator's class instance made of the body: not plain data, still the caller's.
    class ItemDto {
      title = '';
    }
    for (const [what, request] of requests) {
      it(`throws it for a body made into a class instance, given ${what}`, () => {
        const dto = Object.assign(new ItemDto(), body);
        const handler = (_dto: object, _req: object) => 'created';
        expect(() => loginRequiredAjax()(handler)(dto, request())).to.throw(TypeError, /argument 2 is the framework's request/);
        const stacked = loginRequiredAjax()(permissionRequiredAjax('items.delete')(handler));
        expect(() => stacked(dto, request())).to.throw(TypeError, /@loginRequiredAjax\(\).*getRequest/);
      });
    }

    it("throws it for a class instance made of a body that copies a request's fields", () => {
      const forged = [
        { ...body, httpVersion: '1.1', method: 'POST' },
        { ...body, req: { httpVersion: '1.1', method: 'POST' } },
        { ...body, raw: { httpVersion: '1.1', method: 'POST' } },
      ];
      const handler = (_dto: object, _req: object) => 'created';
      for (const fields of forged) {
        expect(() => loginRequiredAjax()(handler)(Object.assign(new ItemDto(), fields), nodeRequest())).to.throw(
          TypeError,
          /argument 2 is the framework's request/,
        );
      }
    });

    it('reads the first argument when no other is a framework request', () => {
      class Service {}
      const guarded = loginRequiredAjax()(permissionRequiredAjax('items.delete')((_dto: object, _s: object) => 'created'));
      expect(guarded({}, new Service())).to.have.property('status', 401);
    });

    it('reads a framework request given first under stacked guards, whatever follows it', () => {
      const guarded = loginRequiredAjax()(permissionRequiredAjax('items.delete')((_req: object, _dto: object) => 'created'));
      expect(guarded(nodeRequest({ id: 1, permissions: ['items.delete'] }), {})).to.equal('created');
      expect(guarded(nodeRequest(), body)).to.have.property('status', 401);
    });
  });

  describe('getRequest', () => {
    const create = (_dto: object, _req: object) => 'created';

    it('is a TypeError when it returns data while another argument is the framework request', () => {
      const guarded = loginRequiredAjax({ getRequest: () => ({ user: { id: 1 } }) })(create);
      expect(() => guarded({}, nodeRequest())).to.throw(TypeError, /read the value getRequest returned of the handler/);
    });

    it('as an option, names the request among stacked guards', () => {
      const getRequest = (args: readonly unknown[]) => args[1];
      const guarded = loginRequiredAjax({ getRequest })(permissionRequiredAjax('items.delete', { getRequest })(create));
      expect(guarded({ user: {} }, nodeRequest())).to.have.property('status', 401);
      expect(guarded({}, nodeRequest({ id: 1 }))).to.have.property('status', 403);
    });

    it('as an option, names the request among the arguments', () => {
      const guarded = loginRequiredAjax({ getRequest: (args) => args[1] })(create);
      expect(guarded({ user: {} }, nodeRequest())).to.have.property('status', 401);
      expect(guarded({}, nodeRequest({ id: 1 }))).to.equal('created');
    });

    it('as a setting, names it for every guard', () => {
      configure({ getRequest: (args) => args[1] });
      const guarded = loginRequiredAjax()(create);
      expect(guarded({ user: { id: 9 } }, anonymousRequest())).to.have.property('status', 401);
      expect(guarded({}, signedInRequest())).to.equal('created');
    });

    it('is a TypeError when configured as anything but a function', () => {
      expect(() => configure({ getRequest: 'args[1]' as never })).to.throw(TypeError, /getRequest/);
      expect(() => loginRequiredAjax({ getRequest: 1 as never })).to.throw(TypeError, /options\.getRequest/);
    });
  });
});

describe(inMode('getUser, as an option and as a setting'), () => {
  afterEach(() => resetSettings());
  const handler = (_req: object) => 'ran';
  const user = { id: 1, permissions: ['reports.view'], isStaff: true };
  const fetchLike = (signedIn: boolean) => ({ session: signedIn ? { user } : {} });

  it('finds the user where the app keeps it, for authentication and permissions alike', () => {
    const getUser = (req: { session: { user?: object } }) => req.session.user;
    expect(loginRequiredAjax({ getUser })(handler)(fetchLike(true))).to.equal('ran');
    expect(loginRequiredAjax({ getUser })(handler)(fetchLike(false))).to.have.property('status', 401);
    expect(permissionRequiredAjax('reports.view', { getUser })(handler)(fetchLike(true))).to.equal('ran');
  });

  it('as a setting hands the user to permission checks and user tests', () => {
    configure({ getUser: (req: { session: { user?: object } }) => req.session.user });
    const seen: unknown[] = [];
    const test = (candidate: unknown) => {
      seen.push(candidate);
      return true;
    };
    expect(userPassesTestAjax(test)(handler)(fetchLike(true))).to.equal('ran');
    expect(seen).to.deep.equal([user]);
    expect(permissionRequiredAjax('reports.edit')(handler)(fetchLike(true))).to.have.property('status', 403);
  });

  it('when async, makes the guarded call asynchronous, and a user it settles to still has to be one', async () => {
    const getUser = async (req: { session: { user?: object } }) => req.session.user;
    const guarded = loginRequiredAjax({ getUser })(async (_req: object) => 'ran');
    expect(await guarded(fetchLike(true))).to.equal('ran');
    expect(await guarded(fetchLike(false))).to.have.property('status', 401);
  });

  describe("on a request that says itself whether it is authenticated (passport's isAuthenticated())", () => {
    const passportLike = (says: boolean) => ({ ...fetchLike(true), isAuthenticated: () => says });
    const getUser = (req: { session: { user?: object } }) => req.session.user;

    it('trusts its answer over the user getUser finds', () => {
      expect(loginRequiredAjax({ getUser })(handler)(passportLike(true))).to.equal('ran');
      expect(loginRequiredAjax({ getUser })(handler)(passportLike(false))).to.have.property('status', 401);
      expect(permissionRequiredAjax('reports.view', { getUser })(handler)(passportLike(true))).to.equal('ran');
      expect(permissionRequiredAjax('reports.view', { getUser })(handler)(passportLike(false))).to.have.property('status', 401);
    });

    it('then hands the permission check the user an async getUser settles to', async () => {
      const asyncGetUser = async (req: { session: { user?: object } }) => req.session.user;
      const guarded = (perm: string) => permissionRequiredAjax(perm, { getUser: asyncGetUser })(async (_req: object) => 'ran');
      expect(await guarded('reports.view')(passportLike(true))).to.equal('ran');
      expect(await guarded('reports.edit')(passportLike(true))).to.have.property('status', 403);
    });
  });
});

describe(inMode('checkAccess(guard, request)'), () => {
  it('is undefined for a request that may pass, and the refusal otherwise', () => {
    expect(checkAccess(loginRequiredAjax(), signedInRequest())).to.equal(undefined);
    expect(checkAccess(loginRequiredAjax(), anonymousRequest())).to.have.property('status', 401);
  });

  it('is a TypeError for something that is not a guard', () => {
    expect(() => checkAccess((() => true) as never, {})).to.throw(TypeError, /checkAccess: expected a guard/);
    expect(() => checkAccess({ guard: true } as never, {})).to.throw(TypeError, /checkAccess: expected a guard/);
  });
});

describe('JSON.stringify(response)', () => {
  it('throws a TypeError, so a framework serializer answers 500 rather than a 2xx carrying a refusal', () => {
    const refusal = loginRequiredAjax()((_req: object) => 'ok')(anonymousRequest()) as JsonResponse;
    expect(() => JSON.stringify(refusal)).to.throw(TypeError, /must be written by an ajax-guard adapter/);
    expect(() => JSON.stringify({ wrapped: jsonResponse({}) })).to.throw(TypeError);
  });
});

if (decoratorMode === 'legacy') {
  describe(inMode('a composer that ignores a legacy decorator’s return value'), () => {
    // NestJS's applyDecorators: it calls each decorator and drops what it returns.
    const applyDecorators =
      (...decorators: ((...args: any[]) => unknown)[]) =>
      (...args: any[]): void => {
        for (const decorator of decorators) decorator(...args);
      };

    class Admin {
      @applyDecorators(loginRequiredAjax())
      wipe(_req: object): string {
        return 'wiped';
      }
    }

    it('keeps the guard: it is set on the descriptor given', () => {
      expect(new Admin().wipe(anonymousRequest())).to.have.property('status', 401);
      expect(new Admin().wipe(signedInRequest())).to.equal('wiped');
    });
  });
}

describe('a decorator applied as the 2018-09 proposal does (one descriptor object)', () => {
  it('is a TypeError naming experimentalDecorators', () => {
    const element = { kind: 'method', key: 'list', placement: 'prototype', descriptor: { value: () => 'x' } };
    expect(() => (loginRequiredAjax() as (element: unknown) => unknown)(element)).to.throw(TypeError, /experimentalDecorators/);
  });
});
