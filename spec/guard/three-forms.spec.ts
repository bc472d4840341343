import { allowAnonymous, getAccessRules, type JsonResponse, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';

describe(inMode('the three forms of loginRequiredAjax()'), () => {
  describe('as a method decorator', () => {
    class Items {
      @loginRequiredAjax()
      list(_req: object): JsonResponse {
        return jsonResponse('listed');
      }
    }

    it('guards the method', () => {
      expect(new Items().list(anonymousRequest()).status).to.equal(401);
      expect(new Items().list(signedInRequest()).body).to.equal('listed');
    });

    it('changes the given descriptor in place and returns it, as composers that drop the return value need', () => {
      // The call TypeScript's legacy __decorate makes; NestJS's applyDecorators
      // makes it too, and ignores what the decorator returns.
      const handler = (_req: object): string => 'listed';
      const descriptor: PropertyDescriptor = { value: handler, writable: true, enumerable: false, configurable: true };
      const asLegacy = loginRequiredAjax() as (target: object, key: string, descriptor: PropertyDescriptor) => unknown;
      expect(asLegacy({}, 'list', descriptor)).to.equal(descriptor);
      expect(descriptor.value).not.to.equal(handler);
      expect(descriptor.value(anonymousRequest())).to.have.property('status', 401);
      expect(descriptor.value(signedInRequest())).to.equal('listed');
    });

    it('guards a static method too', () => {
      // biome-ignore lint/complexity/noStaticOnlyClass: a static handler is what this test guards
      class Api {
        @loginRequiredAjax()
        static ping(_req: object): string {
          return 'pong';
        }
      }
      expect(Api.ping(anonymousRequest())).to.have.property('status', 401);
      expect(Api.ping(signedInRequest())).to.equal('pong');
    });
  });

  describe('as a class decorator', () => {
    @loginRequiredAjax()
    class Items {
      list(_req: object): string {
        return 'listed';
      }
    }

    it('guards every handler method, and returns the class itself', () => {
      expect(new Items().list(anonymousRequest())).to.have.property('status', 401);
      expect(new Items().list(signedInRequest())).to.equal('listed');
      expect(Items.name).to.equal('Items');
    });
  });

  describe('as a plain function wrapper, as Django’s login_required_ajax(view_func)', () => {
    it('returns a guarded function and leaves the original alone', () => {
      const view = (_req: object) => 'viewed';
      const guarded = loginRequiredAjax()(view);
      expect(guarded).not.to.equal(view);
      expect(guarded(anonymousRequest())).to.have.property('status', 401);
      expect(guarded(signedInRequest())).to.equal('viewed');
      expect(view(anonymousRequest())).to.equal('viewed');
      expect(getAccessRules(guarded)).to.deep.equal([{ kind: 'login' }]);
      expect(getAccessRules(view)).to.deep.equal([]);
    });

    it('wraps a function declaration, whose prototype holds only its constructor', () => {
      function view(_req: object) {
        return 'viewed';
      }
      expect(loginRequiredAjax()(view)(anonymousRequest())).to.have.property('status', 401);
    });

    it('wraps a method called class, which is no class', () => {
      const views = {
        class(_req: object) {
          return 'classes';
        },
      };
      const guarded = loginRequiredAjax()(views.class);
      expect(guarded(signedInRequest())).to.equal('classes');
      expect(guarded(anonymousRequest())).to.have.property('status', 401);
    });

    describe('given a native class', () => {
      it('decorates it as a class and returns the class to use in its place, with the same name and prototype', () => {
        class Items {
          list(_req: object): string {
            return 'listed';
          }
        }
        const Guarded = loginRequiredAjax()(Items);
        expect(Guarded.name).to.equal('Items');
        expect(Guarded.prototype).to.equal(Items.prototype);
        expect(new Guarded()).to.be.instanceOf(Items);
        expect(new Guarded().list(anonymousRequest())).to.have.property('status', 401);
        expect(new Items().list(anonymousRequest())).to.have.property('status', 401);
        expect(getAccessRules(Items, 'list')).to.deep.equal([{ kind: 'login' }]);
      });
    });

    describe('given a function that looks like a transpiled class', () => {
      it('throws a TypeError naming the guard, since its methods would stay unguarded', () => {
        // biome-ignore lint/correctness/noComponentHookFactories: a constructor function, named as ES5 classes are
        function LegacyItems(this: object) {}
        LegacyItems.prototype.list = (_req: object) => 'listed';
        expect(() => loginRequiredAjax()(LegacyItems)).to.throw(
          TypeError,
          /@loginRequiredAjax\(\).*"LegacyItems".*transpiled class/,
        );
      });
    });

    describe('given something that is not a function', () => {
      for (const value of [undefined, null, 'handler', {}]) {
        it(`throws a TypeError naming the guard for ${String(value)}`, () => {
          const apply = loginRequiredAjax() as (value: unknown) => unknown;
          expect(() => apply(value)).to.throw(TypeError, /@loginRequiredAjax\(\) must decorate a method, a class or a function/);
        });
      }
    });
  });

  describe("applied the 2018-09 proposal's way, with one descriptor object", () => {
    // What Next.js's SWC emits for a method decorator without experimentalDecorators.
    const descriptor = {
      kind: 'method',
      key: 'list',
      placement: 'prototype',
      descriptor: { value: () => 'listed', writable: true, enumerable: false, configurable: true },
      [Symbol.toStringTag]: 'Descriptor',
    };

    it('is a TypeError that names experimentalDecorators', () => {
      expect(() => (loginRequiredAjax() as (arg: unknown) => unknown)(descriptor)).to.throw(
        TypeError,
        /^@loginRequiredAjax\(\) was applied as a 2018-09 proposal decorator.*"experimentalDecorators": true/,
      );
    });

    it('says so for a class descriptor too', () => {
      const classDescriptor = { kind: 'class', elements: [], [Symbol.toStringTag]: 'Descriptor' };
      expect(() => (loginRequiredAjax() as (arg: unknown) => unknown)(classDescriptor)).to.throw(
        TypeError,
        /experimentalDecorators/,
      );
    });
  });

  describe('in a place it cannot guard', () => {
    // Each class is defined inside its test: the guard throws when the class is.
    const misplaced: Record<string, () => unknown> = {
      'a field': () => {
        class Items {
          // @ts-expect-error: a guard cannot stand on a field
          @loginRequiredAjax()
          handler = (_req: object) => 'listed';
        }
        return Items;
      },
      'a getter': () => {
        class Items {
          // @ts-expect-error: a guard cannot stand on a getter
          @loginRequiredAjax()
          get handler(): number {
            return 1;
          }
        }
        return Items;
      },
      'a setter': () => {
        class Items {
          // @ts-expect-error: a guard cannot stand on a setter
          @loginRequiredAjax()
          set handler(_value: number) {}
        }
        return Items;
      },
      'an auto-accessor': () => {
        class Items {
          // @ts-expect-error: a guard cannot stand on an accessor
          @loginRequiredAjax()
          accessor handler = 1;
        }
        return Items;
      },
    };
    it('throws a TypeError naming the guard on a parameter (legacy decorators only)', () => {
      // TC39 has no parameter decorators; this is the call TypeScript's legacy
      // __param helper makes for a decorator on the first parameter of list().
      const asParameterDecorator = loginRequiredAjax() as (target: object, key: string, index: number) => unknown;
      expect(() => asParameterDecorator({}, 'list', 0)).to.throw(
        TypeError,
        /@loginRequiredAjax\(\) .*not the parameter of "list"/,
      );
    });

    describe('on a generator function, whose caller iterates what it returns', () => {
      const generators: Record<string, () => unknown> = {
        'a generator method': () => {
          class Items {
            @loginRequiredAjax()
            *stream(_req: object): Generator<number> {
              yield 1;
            }
          }
          return Items;
        },
        'an async generator method': () => {
          class Items {
            @loginRequiredAjax()
            async *stream(_req: object): AsyncGenerator<number> {
              yield 1;
            }
          }
          return Items;
        },
        'a generator method of a guarded class': () => {
          @loginRequiredAjax()
          class Items {
            async *stream(_req: object): AsyncGenerator<number> {
              yield 1;
            }
          }
          return Items;
        },
        'a generator function wrapped by hand': () =>
          loginRequiredAjax()(function* stream(_req: object): Generator<number> {
            yield 1;
          }),
      };
      for (const [what, define] of Object.entries(generators)) {
        it(`throws a TypeError naming the guard and the function for ${what}, when it is defined`, () => {
          expect(define).to.throw(TypeError, /@loginRequiredAjax\(\) cannot guard "stream", a generator function/);
        });
      }

      it('says so of an anonymous one too', () => {
        const anonymous = [function* (_req: object): Generator<number> {}][0] as (req: object) => Generator<number>;
        expect(() => loginRequiredAjax()(anonymous)).to.throw(TypeError, /cannot guard a generator function: /);
      });

      it('leaves one marked @allowAnonymous() under a class-level guard alone', () => {
        @loginRequiredAjax()
        class Items {
          @allowAnonymous()
          *stream(_req: object): Generator<number> {
            yield 1;
          }
        }
        expect([...new Items().stream(anonymousRequest())]).to.deep.equal([1]);
      });
    });

    for (const [what, define] of Object.entries(misplaced)) {
      it(`throws a TypeError naming the guard and the member on ${what}, when the class is defined`, () => {
        expect(define).to.throw(TypeError, /@loginRequiredAjax\(\) can decorate only methods and classes, not the \w+ "handler"/);
      });
    }
  });
});
