import { defaultIsAuthenticated } from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { inMode } from '../support/decorator-mode.js';

describe(inMode('defaultIsAuthenticated(request)'), () => {
  describe('when request.isAuthenticated is callable (passport, koa-passport)', () => {
    it('is authenticated when it returns exactly true', () => {
      expect(defaultIsAuthenticated({ isAuthenticated: () => true })).to.equal(true);
    });

    const notTrue: Record<string, unknown> = {
      false: false,
      'a Promise of true': Promise.resolve(true),
      1: 1,
      '"true"': 'true',
      'an object': {},
      undefined: undefined,
    };
    for (const [what, answer] of Object.entries(notTrue)) {
      it(`is anonymous when it returns ${what}`, () => {
        expect(defaultIsAuthenticated({ isAuthenticated: () => answer })).to.equal(false);
      });
    }

    it('calls it with the request as this and no arguments', () => {
      const request = { isAuthenticated: sinon.stub().returns(true) };
      defaultIsAuthenticated(request);
      expect(request.isAuthenticated.calledOnceWithExactly()).to.equal(true);
      expect(request.isAuthenticated.firstCall.thisValue).to.equal(request);
    });

    it('decides alone: a user does not outvote a false', () => {
      expect(defaultIsAuthenticated({ isAuthenticated: () => false, user: { id: 1 } })).to.equal(false);
    });

    it('lets a thrown error through (fail closed)', () => {
      const request = {
        isAuthenticated: () => {
          throw new Error('session store down');
        },
      };
      expect(() => defaultIsAuthenticated(request)).to.throw(Error, 'session store down');
    });
  });

  describe('when request.isAuthenticated is there but not callable', () => {
    it('ignores it: a boolean on the request proves nothing', () => {
      expect(defaultIsAuthenticated({ isAuthenticated: true })).to.equal(false);
    });

    it('falls back to the user', () => {
      expect(defaultIsAuthenticated({ isAuthenticated: false, user: { id: 1 } })).to.equal(true);
    });
  });

  describe('when request.user exists', () => {
    it('is authenticated by a user object', () => {
      expect(defaultIsAuthenticated({ user: { id: 1 } })).to.equal(true);
    });

    it('is authenticated by an empty user object', () => {
      expect(defaultIsAuthenticated({ user: {} })).to.equal(true);
    });

    const primitives: Record<string, unknown> = { 0: 0, "''": '', "'alice'": 'alice', true: true, 1: 1, 'a symbol': Symbol('u') };
    for (const [what, user] of Object.entries(primitives)) {
      it(`is anonymous when the user is ${what}`, () => {
        expect(defaultIsAuthenticated({ user })).to.equal(false);
      });
    }

    it('is anonymous when the user is a function', () => {
      expect(defaultIsAuthenticated({ user: () => ({ id: 1 }) })).to.equal(false);
    });

    it('is anonymous when the user is null (passport after logout), even with a Koa state.user', () => {
      expect(defaultIsAuthenticated({ user: null, state: { user: { id: 1 } } })).to.equal(false);
    });

    it('is anonymous when the user property is there but undefined, even with a Koa state.user', () => {
      expect(defaultIsAuthenticated({ user: undefined, state: { user: { id: 1 } } })).to.equal(false);
    });
  });

  describe('when there is no request.user (Koa)', () => {
    it('is authenticated by ctx.state.user', () => {
      expect(defaultIsAuthenticated({ state: { user: { id: 1 } } })).to.equal(true);
    });

    it('is anonymous when state.user is null or a primitive', () => {
      expect(defaultIsAuthenticated({ state: { user: null } })).to.equal(false);
      expect(defaultIsAuthenticated({ state: { user: 'alice' } })).to.equal(false);
    });

    it('is anonymous when state has no user, or there is no state', () => {
      expect(defaultIsAuthenticated({ state: {} })).to.equal(false);
      expect(defaultIsAuthenticated({ state: null })).to.equal(false);
      expect(defaultIsAuthenticated({})).to.equal(false);
    });
  });

  describe("when the user carries Django's authentication flags", () => {
    it('is authenticated when isAuthenticated is true', () => {
      expect(defaultIsAuthenticated({ user: { isAuthenticated: true } })).to.equal(true);
    });

    it('is anonymous when isAuthenticated is false (an AnonymousUser)', () => {
      expect(defaultIsAuthenticated({ user: { isAuthenticated: false } })).to.equal(false);
    });

    it('is anonymous when is_authenticated is false', () => {
      expect(defaultIsAuthenticated({ user: { is_authenticated: false } })).to.equal(false);
    });

    it('is authenticated when is_authenticated is true', () => {
      expect(defaultIsAuthenticated({ state: { user: { is_authenticated: true } } })).to.equal(true);
    });

    it('is anonymous when any one of the two flags is false', () => {
      expect(defaultIsAuthenticated({ user: { isAuthenticated: true, is_authenticated: false } })).to.equal(false);
      expect(defaultIsAuthenticated({ user: { isAuthenticated: false, is_authenticated: true } })).to.equal(false);
    });

    it('reads a flag from the user’s class prototype', () => {
      class AnonymousUser {
        get isAuthenticated(): boolean {
          return false;
        }
      }
      class User {
        get is_authenticated(): boolean {
          return true;
        }
      }
      expect(defaultIsAuthenticated({ user: new AnonymousUser() })).to.equal(false);
      expect(defaultIsAuthenticated({ user: new User() })).to.equal(true);
    });

    it('is anonymous when a flag is present but undefined (a class field declared and never set)', () => {
      expect(defaultIsAuthenticated({ user: { id: 1, isAuthenticated: undefined } })).to.equal(false);
      class Member {
        isAuthenticated?: boolean;
      }
      expect(defaultIsAuthenticated({ user: Object.assign(new Member(), { isAuthenticated: undefined }) })).to.equal(false);
    });

    for (const [what, user] of [
      ['a Promise (a forgotten await)', Promise.resolve({ id: 1 })],
      ['an array', []],
      ['a boxed false', new Boolean(false)],
      ['a boxed empty string', new String('')],
      ['an invalid Date', new Date(Number.NaN)],
      ['an Error', new Error('not logged in')],
    ] as const) {
      it(`is anonymous when the user is ${what}`, () => {
        expect(defaultIsAuthenticated({ user })).to.equal(false);
        expect(defaultIsAuthenticated({ state: { user } })).to.equal(false);
      });
    }

    it('is anonymous when a flag sits only on a plain object used as the user’s prototype (doubt denies)', () => {
      const anonymousUser = Object.create({ isAuthenticated: false }) as object;
      const claimingUser = Object.create({ isAuthenticated: true }) as object;
      expect(defaultIsAuthenticated({ user: anonymousUser })).to.equal(false);
      expect(defaultIsAuthenticated({ user: claimingUser })).to.equal(false);
    });

    it('calls an old Django-style is_authenticated() method, and only true passes', () => {
      expect(defaultIsAuthenticated({ user: { is_authenticated: () => true } })).to.equal(true);
      expect(defaultIsAuthenticated({ user: { is_authenticated: () => false } })).to.equal(false);
      expect(defaultIsAuthenticated({ user: { is_authenticated: () => 'yes' } })).to.equal(false);
    });
  });

  describe('when the request is a class instance (Fastify decorators)', () => {
    it('calls isAuthenticated() from the class prototype', () => {
      class FastifyRequest {
        constructor(readonly session: string) {}
        isAuthenticated(): boolean {
          return this.session === 'valid';
        }
      }
      expect(defaultIsAuthenticated(new FastifyRequest('valid'))).to.equal(true);
      expect(defaultIsAuthenticated(new FastifyRequest('expired'))).to.equal(false);
    });

    it('reads a user getter from a base class prototype', () => {
      class IncomingMessage {
        get user(): object {
          return { id: 1 };
        }
      }
      class Request extends IncomingMessage {}
      expect(defaultIsAuthenticated(new Request())).to.equal(true);
    });
  });

  describe('when the request is not an object', () => {
    for (const request of [undefined, null, 'GET /', 1]) {
      it(`is anonymous for ${String(request)}`, () => {
        expect(defaultIsAuthenticated(request)).to.equal(false);
      });
    }
  });
});
