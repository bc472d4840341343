import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { checkAccess, configure, type GuardDecorator, getAccessRules, isJsonResponse, type JsonResponse } from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { setsMetadata } from './decorators.js';

/** One guard under the shared suite: how to make it, and a user it lets through. */
export interface GuardUnderTest {
  /** As written in code, for titles and error messages: `loginRequiredAjax`. */
  readonly name: string;
  /** Makes the guard with these options (the guard's own required arguments filled in). */
  readonly make: (options?: Record<string, unknown>) => GuardDecorator;
  /** A user the guard lets through once authenticated. */
  readonly allowedUser: object;
  /** The rule kind it records. */
  readonly ruleKind: string;
}

const ANONYMOUS = Object.freeze({ headers: { accept: 'application/json' } });
const asRequest = (user: unknown): object => ({ headers: { accept: 'application/json' }, user });

// A Node request as Express hands it over, with no user on it.
function nodeRequest(): IncomingMessage {
  const request = new IncomingMessage(new Socket());
  request.httpVersion = '1.1';
  request.method = 'POST';
  request.url = '/items';
  return request;
}

const statusOf = (value: unknown): number | undefined => (isJsonResponse(value) ? value.status : undefined);

/**
 * What every guard shares, run against each: the three forms, fail closed,
 * where the request is, the user from `getUser`, timeouts, kept metadata and
 * `checkAccess`.
 */
export function describeEveryGuard(guard: GuardUnderTest): void {
  const { name, make, allowedUser } = guard;
  const handler = (_request: unknown) => 'ran';

  describe(`${name}, as every guard`, () => {
    describe('in its three forms', () => {
      it('wraps a plain function: the handler runs for an allowed user, not for an anonymous one', () => {
        const guarded = make()(handler);
        expect(guarded(asRequest(allowedUser))).to.equal('ran');
        expect(statusOf(guarded(ANONYMOUS))).to.equal(401);
      });

      it('decorates a method, and a class whose methods it guards', () => {
        @make()
        class Items {
          list(_request: unknown) {
            return 'listed';
          }
        }
        class Single {
          @make()
          list(_request: unknown) {
            return 'listed';
          }
        }
        for (const target of [new Items(), new Single()]) {
          expect(target.list(asRequest(allowedUser))).to.equal('listed');
          expect(statusOf(target.list(ANONYMOUS))).to.equal(401);
        }
      });

      it('refuses to stand on a 2018-09 proposal descriptor, naming experimentalDecorators', () => {
        const descriptor = { kind: 'method', key: 'list', placement: 'prototype', descriptor: { value: handler } };
        expect(() => (make() as (target: unknown) => unknown)(descriptor)).to.throw(TypeError, /experimentalDecorators/);
      });
    });

    describe('failing closed', () => {
      it('lets a throwing check propagate, and the handler never runs', () => {
        const ran = sinon.spy(handler);
        const guarded = make({
          isAuthenticated: () => {
            throw new Error('store down');
          },
        })(ran);
        expect(() => guarded(asRequest(allowedUser))).to.throw('store down');
        expect(ran.called).to.equal(false);
      });

      it('answers a check that never settles with the 503 once checkTimeout has passed', async () => {
        const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
        configure({ checkTimeout: 50 });
        const guarded = make({ isAuthenticated: () => new Promise<boolean>(() => {}) })(async (_request: unknown) => 'ran');
        const pending = guarded(asRequest(allowedUser));
        await clock.tickAsync(2000);
        expect(statusOf(await pending)).to.equal(503);
      });

      it('never serializes a refusal as data: JSON.stringify throws, so a framework answers 500, not a 2xx', () => {
        const refusal = make()(handler)(ANONYMOUS);
        expect(() => JSON.stringify(refusal)).to.throw(TypeError, /adapter/);
      });
    });

    describe('finding the request', () => {
      it('throws a TypeError naming the guard and getRequest when data stands where the request should be', () => {
        const guarded = make()((_dto: unknown, _request: unknown) => 'ran');
        expect(() => guarded({ user: allowedUser }, nodeRequest())).to.throw(TypeError, new RegExp(`@${name}\\(\\).*getRequest`));
      });

      it('quotes none of that data in the error', () => {
        const guarded = make()((_dto: unknown, _request: unknown) => 'ran');
        expect(() => guarded({ user: { name: 'secret-value' } }, nodeRequest()))
          .to.throw(TypeError)
          .that.satisfies((error: Error) => !error.message.includes('secret-value'));
      });

      it('reads the request where getRequest says, as an option or a setting', () => {
        const optioned = make({ getRequest: (args: readonly unknown[]) => args[1] })((_dto: unknown, _req: unknown) => 'ran');
        expect(optioned({ user: {} }, asRequest(allowedUser))).to.equal('ran');
        expect(statusOf(optioned({ user: allowedUser }, ANONYMOUS))).to.equal(401);
        configure({ getRequest: (args) => args[1] });
        const configured = make()((_dto: unknown, _req: unknown) => 'ran');
        expect(configured({}, asRequest(allowedUser))).to.equal('ran');
      });
    });

    describe('with getUser', () => {
      it('takes the user from an async getUser, and the call becomes async', async () => {
        const guarded = make({ getUser: async (request: { token?: string }) => (request.token === 'ok' ? allowedUser : null) })(
          async (_request: unknown) => 'ran',
        );
        expect(await guarded({ token: 'ok' })).to.equal('ran');
        expect(statusOf(await guarded({ token: 'forged' }))).to.equal(401);
      });

      it('denies a user the default finds as a Promise (a forgotten await)', () => {
        expect(statusOf(make()(handler)({ user: Promise.resolve(allowedUser) }))).to.equal(401);
      });
    });

    describe('its rules', () => {
      it('records its rule, and keeps the metadata of what it wraps', () => {
        class Items {
          @make()
          @setsMetadata('role', 'admin')
          list(_request: unknown) {
            return 'listed';
          }
        }
        expect(getAccessRules(Items, 'list')[0]?.kind).to.equal(guard.ruleKind);
        expect(Reflect.getMetadata('role', Items.prototype.list)).to.equal('admin');
      });
    });

    describe('checkAccess(guard, request)', () => {
      it('gives undefined for an allowed request and the refusal for another, with no handler', () => {
        const decorator = make();
        expect(checkAccess(decorator, asRequest(allowedUser))).to.equal(undefined);
        expect(statusOf(checkAccess(decorator, ANONYMOUS) as JsonResponse)).to.equal(401);
      });

      it('is a TypeError for anything that is not a guard', () => {
        expect(() => checkAccess((() => undefined) as never, ANONYMOUS)).to.throw(TypeError, /checkAccess/);
      });
    });
  });
}
