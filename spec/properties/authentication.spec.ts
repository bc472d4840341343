import { configure, defaultIsAuthenticated, isJsonResponse, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import fc from 'fast-check';
import sinon from 'sinon';
import { inMode } from '../support/decorator-mode.js';

const RUNS = { numRuns: 300 };
const hasOwn = (value: unknown, key: string): boolean => typeof value === 'object' && value !== null && Object.hasOwn(value, key);

const own = (holder: unknown, key: string): unknown =>
  hasOwn(holder, key) ? (holder as Record<string, unknown>)[key] : undefined;

// The user of a JSON request, by own properties only: `user`, else `state.user`, else `var.user`.
function ownUser(request: unknown): unknown {
  if (hasOwn(request, 'user')) return own(request, 'user');
  if (hasOwn(own(request, 'state'), 'user')) return own(own(request, 'state'), 'user');
  return own(own(request, 'var'), 'user');
}

// The default check, written again as plainly as possible for data that JSON
// can carry (no functions, no classes): only own properties count.
function oracle(request: unknown): boolean {
  if (typeof request !== 'object' || request === null) return false;
  const user = ownUser(request);
  if (typeof user !== 'object' || user === null || Array.isArray(user)) return false;
  return ['isAuthenticated', 'is_authenticated'].every((flag) => !hasOwn(user, flag) || own(user, flag) === true);
}

// Request-like data as it arrives from a client: JSON, with the keys that matter
// (and `__proto__`) drawn often.
const KEYS = ['user', 'state', 'var', 'isAuthenticated', 'is_authenticated', '__proto__', 'id', 'constructor'];
const jsonRequest = fc
  .letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(null, true, false, 0, 1, '', 'alice', 'true'),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
    ),
  }))
  .value.map((value) => JSON.parse(JSON.stringify(value)) as unknown);

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

// A copy of `request` in which its `at`-th object (depth first, the request
// itself first, counted modulo how many there are) is `change(copy)`.
function changeNthObject(request: object, at: number, change: (node: Record<string, unknown>) => object): object {
  const nodes: unknown[] = [];
  const count = (node: unknown): void => {
    if (!isObject(node)) return;
    nodes.push(node);
    for (const value of Object.values(node)) count(value);
  };
  count(request);
  const target = nodes[at % nodes.length];
  const copy = (node: unknown): unknown => {
    if (!isObject(node)) return node;
    const cloned: Record<string, unknown> = Array.isArray(node) ? ([] as unknown as Record<string, unknown>) : {};
    // Defined, not assigned: a `__proto__` key stays an own key.
    for (const [key, value] of Object.entries(node)) {
      Object.defineProperty(cloned, key, { value: copy(value), enumerable: true, writable: true, configurable: true });
    }
    return node === target ? change(cloned) : cloned;
  };
  return copy(request) as object;
}

const TRAPS = [
  'get',
  'has',
  'getOwnPropertyDescriptor',
  'getPrototypeOf',
  'ownKeys',
  'defineProperty',
  'set',
  'deleteProperty',
  'isExtensible',
  'preventExtensions',
] as const;

const objectRequest = jsonRequest.filter(isObject);

// The default guard on `hostile`, a booby-trapped copy of `request`: the
// handler runs only when `request` authenticates; otherwise the call throws
// `failure` itself or refuses with the 401.
function expectNoMoreThanFrom(request: object, hostile: object, failure: Error): void {
  const handler = sinon.fake.returns('ran');
  let answer: unknown;
  try {
    answer = loginRequiredAjax()(handler)(hostile);
  } catch (error) {
    expect(error, 'what the call threw').to.equal(failure);
    expect(handler.called, 'the handler ran').to.equal(false);
    return;
  }
  if (handler.called) expect(oracle(request), 'the request authenticates without the trap').to.equal(true);
  else expect(isJsonResponse(answer) && answer.status, 'the refusal').to.equal(401);
}

describe(inMode('property: who is authenticated'), () => {
  describe('for any request a client can send as JSON', () => {
    it('the default check agrees with the own-properties oracle', () => {
      fc.assert(
        fc.property(jsonRequest, (request) => defaultIsAuthenticated(request) === oracle(request)),
        RUNS,
      );
    });

    function whilePolluted(polluted: Record<string, unknown>, check: () => void): void {
      const proto = Object.prototype as Record<string, unknown>;
      for (const [key, value] of Object.entries(polluted)) proto[key] = value;
      try {
        check();
      } finally {
        for (const key of Object.keys(polluted)) delete proto[key];
      }
    }

    it('still agrees while a polluter has set user and state on Object.prototype', () => {
      whilePolluted({ user: { id: 1 }, state: { user: { id: 2 } } }, () =>
        fc.assert(
          fc.property(jsonRequest, (request) => defaultIsAuthenticated(request) === oracle(request)),
          RUNS,
        ),
      );
    });

    it('while a polluter has set the user flags on Object.prototype, authenticates only users whose own flags are true (doubt denies)', () => {
      const ownFlagsTrue = (request: unknown): boolean => {
        const user = ownUser(request);
        return ['isAuthenticated', 'is_authenticated'].every(
          (flag) => hasOwn(user, flag) && (user as Record<string, unknown>)[flag] === true,
        );
      };
      whilePolluted({ isAuthenticated: () => true, is_authenticated: true }, () =>
        fc.assert(
          fc.property(jsonRequest, (request) => defaultIsAuthenticated(request) === (oracle(request) && ownFlagsTrue(request))),
          RUNS,
        ),
      );
    });
  });

  describe('for any answer a custom check gives', () => {
    it('runs the handler only when the answer is exactly true', () => {
      fc.assert(
        fc.property(fc.anything(), fc.anything(), (answer, request) => {
          const handler = sinon.fake.returns('ran');
          const guarded = loginRequiredAjax({ isAuthenticated: () => answer as boolean })(handler);
          const result = guarded(request);
          expect(handler.called).to.equal(answer === true);
          expect(result === 'ran').to.equal(answer === true);
        }),
        RUNS,
      );
    });

    it('runs the handler only when an async answer settles exactly true', async () => {
      await fc.assert(
        fc.asyncProperty(fc.anything(), async (answer) => {
          const handler = sinon.fake.resolves('ran');
          const guarded = loginRequiredAjax({ isAuthenticated: async () => answer as boolean })(handler);
          const result = await guarded({});
          expect(handler.called).to.equal(answer === true);
          expect(result === 'ran').to.equal(answer === true);
        }),
        RUNS,
      );
    });

    it('never runs the handler when the check throws or rejects, whatever it throws', async () => {
      await fc.assert(
        fc.asyncProperty(fc.anything(), fc.boolean(), async (thrown, asynchronously) => {
          const handler = sinon.fake.returns('ran');
          configure({
            isAuthenticated: asynchronously
              ? () => Promise.reject(thrown)
              : () => {
                  throw thrown;
                },
          });
          const guarded = loginRequiredAjax()(handler);
          let failed = false;
          try {
            await guarded({ user: { id: 1 } });
          } catch {
            failed = true;
          }
          expect(failed, 'the call fails').to.equal(true);
          expect(handler.called).to.equal(false);
        }),
        RUNS,
      );
    });
  });

  describe('for hostile request objects', () => {
    const hostile = fc.constantFrom(
      () => Object.create(null) as object,
      () => Object.freeze({ user: Object.freeze({ id: 1, isAuthenticated: false }) }),
      () => Object.create({ user: { id: 1 } }) as object,
      () => ({ ['__proto__']: { user: { id: 1 } } }),
      () => JSON.parse('{"__proto__":{"user":{"id":1}}}') as object,
      () => new Proxy({}, { get: () => ({ id: 1 }) }),
      () => new Proxy({}, { has: () => true, get: () => ({ id: 1 }) }),
      () => ({ user: new Proxy({}, { has: () => true, get: () => false }) }),
      () => ({ isAuthenticated: () => Promise.resolve(true) }),
      () => ({ isAuthenticated: true, user: null }),
      () => ({ user: { isAuthenticated: 'true' } }),
      () => ({ user: { is_authenticated: () => false } }),
    );

    it('authenticates none of them', () => {
      fc.assert(
        fc.property(hostile, (make) => {
          const handler = sinon.fake.returns('ran');
          loginRequiredAjax()(handler)(make());
          expect(handler.called).to.equal(false);
        }),
      );
    });

    // A getter or a trap that throws either is reached, and fails the call
    // with its own error, or is not, and then changes nothing: so the handler
    // runs only for a request that authenticates without it.
    it('lets a throwing getter anywhere in the request (user, state, flags) only fail the call or refuse it', () => {
      fc.assert(
        fc.property(objectRequest, fc.nat(), fc.constantFrom(...KEYS), (request, at, key) => {
          const failure = new Error(`getter ${key}`);
          const hostile = changeNthObject(request, at, (node) =>
            Object.defineProperty(node, key, {
              get() {
                throw failure;
              },
              enumerable: true,
              configurable: true,
            }),
          );
          expectNoMoreThanFrom(request, hostile, failure);
        }),
        RUNS,
      );
    });

    it('lets proxies whose traps throw, on the request, its user or its state, only fail the call or refuse it', () => {
      fc.assert(
        fc.property(objectRequest, fc.nat(), fc.subarray([...TRAPS], { minLength: 1 }), (request, at, traps) => {
          const failure = new Error(`trap ${traps.join()}`);
          const throwing = Object.fromEntries(
            traps.map((trap) => [
              trap,
              () => {
                throw failure;
              },
            ]),
          );
          const hostile = changeNthObject(request, at, (node) => new Proxy(node, throwing));
          expectNoMoreThanFrom(request, hostile, failure);
        }),
        RUNS,
      );
    });

    it('lets a getter that throws fail the call, never run the handler', () => {
      fc.assert(
        fc.property(fc.constantFrom('user', 'isAuthenticated', 'state'), (key) => {
          const handler = sinon.fake.returns('ran');
          const request = Object.defineProperty({}, key, {
            get() {
              throw new Error('getter');
            },
          });
          expect(() => loginRequiredAjax()(handler)(request)).to.throw('getter');
          expect(handler.called).to.equal(false);
        }),
      );
    });
  });
});
