import { getAccessRules, loginRequiredAjax, methodDecorator } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { recording } from '../support/decorators.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';

type FunctionDecorator = (fn: any) => any;

describe(inMode('methodDecorator(decorator | decorators, name?)'), () => {
  describe('on a method', () => {
    class View {
      constructor(readonly name: string) {}

      @methodDecorator(loginRequiredAjax())
      dispatch(_req: object): string {
        return `dispatched by ${this.name}`;
      }
    }

    it('applies the function decorator, keeping this', () => {
      expect(new View('items').dispatch(signedInRequest())).to.equal('dispatched by items');
      expect(new View('items').dispatch(anonymousRequest())).to.have.property('status', 401);
      expect(getAccessRules(View, 'dispatch')).to.deep.equal([{ kind: 'login' }]);
    });
  });

  describe("with a function decorator that calls fn(arg), Django's simple_dec", () => {
    // Django's tests: `def simple_dec(func): def wrapper(arg): return func("test:" + arg)`.
    const simpleDec = (fn: (arg: string) => string) => (arg: string) => fn(`test:${arg}`);

    class Test {
      constructor(readonly prefix = 'said ') {}

      @methodDecorator(simpleDec)
      say(arg: string): string {
        return `${this.prefix}${arg}`;
      }
    }

    it('runs the method with its instance as this, as Django hands it a bound method', () => {
      expect(new Test().say('hello')).to.equal('said test:hello');
      expect(new Test('told ').say('hello')).to.equal('told test:hello');
    });

    it('keeps the method’s name', () => {
      expect(Test.prototype.say.name).to.equal('say');
    });

    it('keeps the name under a guard too', () => {
      class Guarded {
        @methodDecorator([loginRequiredAjax(), recording([], 'logged')])
        list(_req: object): string {
          return 'listed';
        }
      }
      expect(Guarded.prototype.list.name).to.equal('list');
      expect(new Guarded().list(anonymousRequest())).to.have.property('status', 401);
      expect(new Guarded().list(signedInRequest())).to.equal('listed');
    });
  });

  describe('with an array of decorators', () => {
    it("applies them in Django's order: the first is outermost", () => {
      const log: string[] = [];
      class View {
        @methodDecorator([recording(log, 'first'), recording(log, 'second'), recording(log, 'third')])
        get(_req: object): string {
          log.push('handler');
          return 'got';
        }
      }
      expect(new View().get({})).to.equal('got');
      expect(log).to.deep.equal(['first', 'second', 'third', 'handler']);
    });

    it('lets a guard first in the array refuse before the others run', () => {
      const log: string[] = [];
      class View {
        @methodDecorator([loginRequiredAjax(), recording(log, 'logged')])
        get(_req: object): string {
          return 'got';
        }
      }
      expect(new View().get(anonymousRequest())).to.have.property('status', 401);
      expect(log).to.deep.equal([]);
    });
  });

  describe('on a class, with a name', () => {
    class BaseView {
      dispatch(_req: object): string {
        return 'base dispatch';
      }
    }
    const baseDispatch = BaseView.prototype.dispatch;

    @methodDecorator(loginRequiredAjax(), 'dispatch')
    class ProtectedView extends BaseView {
      get(_req: object): string {
        return 'got';
      }
    }

    @methodDecorator(loginRequiredAjax(), 'get')
    class OwnMethodView {
      constructor(readonly label = 'own') {}

      get(_req: object): string {
        return `got ${this.label}`;
      }
    }

    it('decorates that inherited method on the class’s own prototype', () => {
      expect(new ProtectedView().dispatch(anonymousRequest())).to.have.property('status', 401);
      expect(new ProtectedView().dispatch(signedInRequest())).to.equal('base dispatch');
      expect(Object.hasOwn(ProtectedView.prototype, 'dispatch')).to.equal(true);
    });

    it('leaves the other methods and the base class as they were', () => {
      expect(new ProtectedView().get(anonymousRequest())).to.equal('got');
      expect(BaseView.prototype.dispatch).to.equal(baseDispatch);
      expect(new BaseView().dispatch(anonymousRequest())).to.equal('base dispatch');
    });

    it('decorates an own method, keeping this', () => {
      expect(new OwnMethodView().get(signedInRequest())).to.equal('got own');
      expect(new OwnMethodView().get(anonymousRequest())).to.have.property('status', 401);
    });
  });

  describe('on a class without a name', () => {
    it('throws a TypeError that asks for the name', () => {
      expect(() => {
        @methodDecorator(loginRequiredAjax())
        class View {
          dispatch(_req: object): string {
            return 'dispatched';
          }
        }
        return View;
      }).to.throw(TypeError, /@methodDecorator\(\) on the class View needs the name of the method to decorate/);
    });
  });

  describe('on a class, with a name that is not a method', () => {
    it('throws a TypeError for a missing method', () => {
      expect(() => {
        @methodDecorator(loginRequiredAjax(), 'dispatch')
        class View {
          get(_req: object): string {
            return 'got';
          }
        }
        return View;
      }).to.throw(TypeError, /View has no method "dispatch" to decorate/);
    });

    it('throws a TypeError for an accessor of that name', () => {
      expect(() => {
        @methodDecorator(loginRequiredAjax(), 'dispatch')
        class View {
          get dispatch(): string {
            return 'a getter';
          }
        }
        return View;
      }).to.throw(TypeError, /View has no method "dispatch" to decorate/);
    });
  });

  describe('given no function decorator', () => {
    const invalid: Record<string, unknown> = {
      'a string': 'loginRequiredAjax',
      undefined: undefined,
      'an empty array': [],
      'an array holding a non-function': [loginRequiredAjax(), null],
    };
    for (const [what, decorators] of Object.entries(invalid)) {
      it(`throws a TypeError when it is created, for ${what}`, () => {
        expect(() => methodDecorator(decorators as FunctionDecorator)).to.throw(
          TypeError,
          /methodDecorator: expected a function decorator or an array of them/,
        );
      });
    }

    it('throws a TypeError for a name that is not a string', () => {
      expect(() => methodDecorator(loginRequiredAjax(), 42 as unknown as string)).to.throw(
        TypeError,
        /methodDecorator: name must be a method name, got 42/,
      );
    });
  });

  describe('given a function decorator that returns no function', () => {
    it('throws a TypeError when the method is decorated', () => {
      expect(() => {
        class View {
          @methodDecorator(() => undefined)
          get(_req: object): string {
            return 'got';
          }
        }
        return View;
      }).to.throw(TypeError, /a function decorator returned undefined instead of a function/);
    });
  });

  describe('in a place that is not a method or a class', () => {
    it('throws a TypeError on a field', () => {
      expect(() => {
        class View {
          // @ts-expect-error: only methods and classes
          @methodDecorator(loginRequiredAjax())
          get = null;
        }
        return View;
      }).to.throw(TypeError, /@methodDecorator\(\) can decorate only methods and classes/);
    });
  });
});
