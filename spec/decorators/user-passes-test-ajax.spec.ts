import { getAccessRules, type JsonResponse, jsonResponse, userPassesTestAjax } from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { inMode } from '../support/decorator-mode.js';
import { rejectionOf } from '../support/promises.js';

type Body = Record<string, string>;

interface User {
  readonly isStaff?: boolean;
}

function isStaff(user: User): boolean {
  return user.isStaff === true;
}

const STAFF = { user: { isStaff: true } };
const MEMBER = { user: { isStaff: false } };

class Reports {
  @userPassesTestAjax(isStaff)
  list(_req: object): JsonResponse {
    return jsonResponse({ reports: [] });
  }

  @userPassesTestAjax(async (user: User) => user.isStaff === true)
  async load(_req: object): Promise<JsonResponse> {
    return jsonResponse({ reports: [1] });
  }
}

const respond = (_req: object): JsonResponse => jsonResponse({});

describe(inMode('userPassesTestAjax(test, options?)'), () => {
  describe('when the caller is anonymous', () => {
    it('should answer 401 and never run the test', () => {
      const test = sinon.spy(() => true);
      const res = userPassesTestAjax(test)(respond)({}) as JsonResponse<Body>;
      expect(res.status).to.equal(401);
      expect(res.body.errorcode).to.equal('AUTHENTICATION_REQUIRED');
      expect(test.called).to.equal(false);
    });
  });

  describe('when the user fails the test', () => {
    it('should answer 403 "Permission denied" without running the handler', () => {
      const handler = sinon.spy((_req: object) => jsonResponse({}));
      const res = userPassesTestAjax(isStaff)(handler)(MEMBER) as JsonResponse<Body>;
      expect(res.status).to.equal(403);
      expect(res.body).to.include({ status: '403', message: 'Permission denied', errorcode: 'PERMISSION_DENIED' });
      expect(handler.called).to.equal(false);
    });

    it('should count anything but exactly true as failing', () => {
      for (const answer of [1, 'yes', {}, undefined]) {
        const guarded = userPassesTestAjax(() => answer as boolean)(respond);
        expect(guarded(STAFF).status, String(answer)).to.equal(403);
      }
    });
  });

  describe('when the user passes the test', () => {
    it('should run the handler with the same this and arguments', () => {
      const reports = new Reports();
      expect(reports.list(STAFF).body).to.deep.equal({ reports: [] });
      const handler = sinon.spy(function (this: unknown, _req: object, _id: number) {
        return jsonResponse({});
      });
      const self = {};
      userPassesTestAjax(isStaff)(handler).call(self, STAFF, 7);
      expect(handler.firstCall.thisValue).to.equal(self);
      expect(handler.firstCall.args).to.deep.equal([STAFF, 7]);
    });

    it('should give the test the user and the request', () => {
      const test = sinon.spy(() => true);
      userPassesTestAjax(test)(respond)(STAFF);
      expect(test.firstCall.args).to.deep.equal([STAFF.user, STAFF]);
    });

    it("should give the test Koa's ctx.state.user", () => {
      const ctx = { state: { user: { isStaff: true } } };
      expect(userPassesTestAjax(isStaff)(respond)(ctx).status).to.equal(200);
    });
  });

  describe('given an asynchronous test', () => {
    it('should resolve to the handler result or the 403', async () => {
      expect((await new Reports().load(STAFF)).body).to.deep.equal({ reports: [1] });
      expect((await new Reports().load(MEMBER)).status).to.equal(403);
    });

    it('should reject, never running the handler, when the test rejects', async () => {
      const handler = sinon.spy(async (_req: object) => jsonResponse({}));
      const guarded = userPassesTestAjax(() => Promise.reject(new Error('down')))(handler);
      expect(await rejectionOf(guarded(STAFF)))
        .to.be.instanceOf(Error)
        .with.property('message', 'down');
      expect(handler.called).to.equal(false);
    });
  });

  describe('with a synchronous test', () => {
    it('should answer synchronously', () => {
      const res = new Reports().list(MEMBER);
      expect(res).not.to.be.instanceOf(Promise);
      expect(res.status).to.equal(403);
    });

    it('should let a throwing test propagate', () => {
      const guarded = userPassesTestAjax(() => {
        throw new Error('bug');
      })(respond);
      expect(() => guarded(STAFF)).to.throw(Error, 'bug');
    });
  });

  describe('rules', () => {
    it("should record the test's name", () => {
      expect(getAccessRules(Reports, 'list')).to.deep.equal([{ kind: 'test', test: 'isStaff' }]);
    });

    it('should record "anonymous" for a test with no name', () => {
      expect(getAccessRules(Reports, 'load')).to.deep.equal([{ kind: 'test', test: 'anonymous' }]);
      const tests = [(user: User) => user.isStaff === true];
      expect(getAccessRules(userPassesTestAjax(tests[0] as typeof isStaff)(respond))).to.deep.equal([
        { kind: 'test', test: 'anonymous' },
      ]);
    });
  });

  describe('when created with bad arguments', () => {
    it('should throw a TypeError naming the guard for a test that is not a function', () => {
      for (const test of [undefined, 'isStaff', true]) {
        expect(() => userPassesTestAjax(test as never), String(test)).to.throw(
          TypeError,
          /^userPassesTestAjax: test must be a function/,
        );
      }
    });

    it('should throw a TypeError naming the option for a bad option', () => {
      expect(() => userPassesTestAjax(isStaff, { message: 5 as never })).to.throw(
        TypeError,
        /userPassesTestAjax: options\.message/,
      );
    });
  });

  describe('types', () => {
    it('should accept an async test only on methods that return a Promise', () => {
      class Typed {
        // @ts-expect-error an async test needs a method that returns a Promise
        @userPassesTestAjax(async () => true)
        sync(_req: object): JsonResponse {
          return jsonResponse({});
        }
      }
      expect(getAccessRules(Typed, 'sync')).to.deep.equal([{ kind: 'test', test: 'anonymous' }]);
    });
  });
});
