import { allowAnonymous, getAccessRules, type JsonResponse, loginRequiredAjax, methodDecorator } from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { inMode } from '../support/decorator-mode.js';
import { recording, setsMetadata } from '../support/decorators.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';

const ROLES = { roles: ['admin'] };

class Items {
  constructor(readonly prefix: string) {}

  @loginRequiredAjax()
  describe(req: object, id: string, page: number, ...rest: unknown[]): unknown[] {
    return [this.prefix, req, id, page, ...rest];
  }

  @loginRequiredAjax()
  @setsMetadata('custom:key', ROLES)
  remove(_req: object): string {
    return 'removed';
  }
}

@loginRequiredAjax()
class Reports {
  @setsMetadata('custom:key', ROLES)
  export(_req: object): string {
    return 'exported';
  }
}

describe(inMode('a guarded function'), () => {
  describe('when it runs', () => {
    it('keeps this', () => {
      expect(new Items('items').describe(signedInRequest(), 'a', 1)[0]).to.equal('items');
    });

    it('passes every argument through, in order', () => {
      const request = signedInRequest();
      expect(new Items('items').describe(request, 'a', 2, 'x', { y: 1 })).to.deep.equal([
        'items',
        request,
        'a',
        2,
        'x',
        { y: 1 },
      ]);
    });

    it('keeps this and the arguments as a plain function wrapper', () => {
      const handler = sinon.spy((_req: object, _id: string) => 'ok');
      const target = { handle: loginRequiredAjax()(handler) };
      const request = signedInRequest();
      target.handle(request, 'id-1');
      expect(handler.calledOnceWithExactly(request, 'id-1')).to.equal(true);
      expect(handler.firstCall.thisValue).to.equal(target);
    });

    it('checks the first argument as the request', () => {
      const isAuthenticated = sinon.spy((_req: unknown) => false);
      loginRequiredAjax({ isAuthenticated })((_req: object, _more: string) => 'ok')({ first: true }, 'second');
      expect(isAuthenticated.calledOnceWithExactly({ first: true })).to.equal(true);
    });
  });

  describe('as a value', () => {
    it('keeps the name of the method it wraps', () => {
      expect(Items.prototype.describe.name).to.equal('describe');
      expect(Reports.prototype.export.name).to.equal('export');
    });

    it('keeps the length of the method it wraps', () => {
      expect(Items.prototype.describe.length).to.equal(3);
      expect(loginRequiredAjax()((_req: object, _a: string) => 'ok').length).to.equal(2);
    });

    it('keeps the name of a plain function', () => {
      function showItem(_req: object) {
        return 'shown';
      }
      expect(loginRequiredAjax()(showItem).name).to.equal('showItem');
    });
  });

  describe('over a decorator that puts reflect-metadata on the method', () => {
    it('keeps that metadata, readable from the final method', () => {
      expect(Reflect.getMetadata('custom:key', Items.prototype.remove)).to.equal(ROLES);
      expect(new Items('items').remove(anonymousRequest())).to.have.property('status', 401);
    });

    it('keeps it when the guard stands on the class', () => {
      expect(Reflect.getMetadata('custom:key', Reports.prototype.export)).to.equal(ROLES);
      expect(new Reports().export(anonymousRequest())).to.have.property('status', 401);
    });

    it('keeps it around a plain function', () => {
      const handler = (_req: object) => 'ok';
      Reflect.defineMetadata('custom:key', ROLES, handler);
      Reflect.defineMetadata(Symbol.for('custom:symbol'), 'symbol value', handler);
      const guarded = loginRequiredAjax()(handler);
      expect(Reflect.getMetadata('custom:key', guarded)).to.equal(ROLES);
      expect(Reflect.getMetadata(Symbol.for('custom:symbol'), guarded)).to.equal('symbol value');
    });
  });

  describe('stacked under another guard', () => {
    it('still guards, through the outer guard', () => {
      const guarded = loginRequiredAjax()(loginRequiredAjax()((_req: object) => 'ok'));
      expect(guarded(anonymousRequest())).to.have.property('status', 401);
      expect(guarded(signedInRequest())).to.equal('ok');
    });

    it('runs the checks outermost first, and the first refusal answers', () => {
      const order: string[] = [];
      const check = (label: string, answer: boolean) => () => {
        order.push(label);
        return answer;
      };
      const guarded = loginRequiredAjax({ isAuthenticated: check('outer', true) })(
        loginRequiredAjax({ isAuthenticated: check('inner', false), message: 'Inner refused' })((_req: object) => 'ok'),
      );
      const res = guarded(signedInRequest()) as JsonResponse;
      expect(order).to.deep.equal(['outer', 'inner']);
      expect(res.body).to.include({ message: 'Inner refused' });
    });

    it('does not run the inner check once the outer guard refuses', () => {
      const inner = sinon.spy(() => true);
      const handler = sinon.spy((_req: object) => 'ok');
      const guarded = loginRequiredAjax({ isAuthenticated: () => false, message: 'Outer refused' })(
        loginRequiredAjax({ isAuthenticated: inner })(handler),
      );
      expect((guarded(signedInRequest()) as JsonResponse).body).to.include({ message: 'Outer refused' });
      expect(inner.called).to.equal(false);
      expect(handler.called).to.equal(false);
    });

    it('waits for an asynchronous outer check before running the inner one', async () => {
      const handler = sinon.spy(async (_req: object) => 'ok');
      const guard = (answer: boolean) => loginRequiredAjax({ isAuthenticated: async () => answer });
      expect(await guard(true)(guard(true)(handler))(signedInRequest())).to.equal('ok');
      expect(await guard(true)(guard(false)(handler))(signedInRequest())).to.have.property('status', 401);
      expect(await guard(false)(guard(true)(handler))(signedInRequest())).to.have.property('status', 401);
      expect(handler.callCount).to.equal(1);
    });

    it('records the rules outermost first', () => {
      class Endpoints {
        @loginRequiredAjax()
        @allowAnonymous()
        hybrid(_req: object): string {
          return 'ok';
        }
      }
      expect(getAccessRules(Endpoints, 'hybrid')).to.deep.equal([{ kind: 'login' }, { kind: 'anonymous' }]);
    });
  });

  describe('stacked over another wrapping decorator', () => {
    it('guards before the wrapper runs, and the wrapper runs for a signed-in caller', () => {
      const log: string[] = [];
      class Endpoints {
        @loginRequiredAjax()
        @methodDecorator(recording(log, 'wrapper'))
        list(_req: object): string {
          log.push('handler');
          return 'listed';
        }
      }
      expect(new Endpoints().list(anonymousRequest())).to.have.property('status', 401);
      expect(log).to.deep.equal([]);
      expect(new Endpoints().list(signedInRequest())).to.equal('listed');
      expect(log).to.deep.equal(['wrapper', 'handler']);
    });
  });
});
