import type { AnyFunction } from '../internal/function-types.js';
import { currentSettings, defaultGetRequest, type RequestGetter, type Settings } from '../settings.js';
import { isAdmitted } from './admissions.js';
import type { Decide } from './decide.js';
import { proceedAfter } from './latest-check.js';
import { isFrameworkRequest, locateRequest } from './locate-request.js';
import { type AccessRule, addRule, keepIdentity } from './rules.js';
import type { PendingVerdict } from './verdict.js';

/** One guard's part in a wrapper: how it is written, where it finds the request, and its decision. */
export interface GuardCheck {
  /** How the guard is written, for error messages: `@loginRequiredAjax()`. */
  readonly title: string;
  /** The guard's own `getRequest` option, if any. */
  readonly getRequest: RequestGetter | undefined;
  readonly decide: Decide;
}

// What a guarded function wraps, so that stacked guards merge into one
// wrapper around the original handler instead of nesting one per guard.
const guarded = new WeakMap<object, { readonly original: AnyFunction; readonly checks: readonly GuardCheck[] }>();

const kindOf = (fn: AnyFunction): string => Object.prototype.toString.call(fn);
const isAsyncFunction = (fn: AnyFunction): boolean => kindOf(fn) === '[object AsyncFunction]';
const GENERATORS = new Set(['[object GeneratorFunction]', '[object AsyncGeneratorFunction]']);

// A generator's caller iterates what it returns: handed a refusal instead, it
// would fail on it, or read it as an empty stream.
function assertNoGenerator(fn: AnyFunction, title: string): void {
  if (!GENERATORS.has(kindOf(fn))) return;
  throw new TypeError(
    `${title} cannot guard ${fn.name === '' ? 'a generator function' : `"${fn.name}", a generator function`}: ` +
      'its caller iterates what it returns, and a refusal is no iterator. Guard the handler that hands its values out; ' +
      'under a class-level guard, mark it @allowAnonymous(), or make it #private or static',
  );
}

function requestFor(check: GuardCheck, args: ArrayLike<unknown>, settings: Settings): unknown {
  const getRequest = check.getRequest ?? settings.getRequest;
  const first = args[0];
  // The usual call: the request alone, or a framework's request first.
  if (getRequest === defaultGetRequest && (args.length < 2 || isFrameworkRequest(first))) return first;
  return locateRequest(args, getRequest, check.title);
}

/** Where one of a handler's checks finds its request. */
type RequestOf = (check: GuardCheck, settings: Settings) => unknown;

/**
 * The verdict of stacked guards' checks, outermost first: the first refusal
 * wins, and a check whose request was admitted for `handler` ahead of it is
 * not asked again.
 */
export function verdictOfChecks(handler: object, checks: readonly GuardCheck[], requestOf: RequestOf, from = 0): PendingVerdict {
  for (let i = from; i < checks.length; i++) {
    const check = checks[i] as GuardCheck;
    const settings = currentSettings();
    const request = requestOf(check, settings);
    if (isAdmitted(request, handler)) continue;
    const verdict = check.decide(request, settings);
    if (verdict instanceof Promise) {
      return verdict.then((settled) => (settled === undefined ? verdictOfChecks(handler, checks, requestOf, i + 1) : settled));
    }
    if (verdict !== undefined) return verdict;
  }
  return undefined;
}

// Stacked guards' verdict on one call. Out here, not in the wrapper: a
// closure there would make V8 allocate its context on every call, the
// single guard's too.
function stackedVerdict(handler: object, checks: readonly GuardCheck[], args: ArrayLike<unknown>): PendingVerdict {
  return verdictOfChecks(handler, checks, (check, settings) => requestFor(check, args, settings));
}

/**
 * Wraps `handler` so that `check` decides each call before it runs. The
 * wrapper keeps `this`, the arguments, the name, the length and the metadata
 * of what it wraps, and records `rule` in front of the rules already there.
 */
export function wrapHandler<F extends AnyFunction>(handler: F, check: GuardCheck, rule: AccessRule): F {
  const inner = guarded.get(handler);
  const original = inner?.original ?? handler;
  assertNoGenerator(original, check.title);
  const checks = inner ? [check, ...inner.checks] : [check];
  const only = checks.length === 1 ? check : undefined;
  // An async handler's callers await it: a refusal reaches them as a Promise too.
  const refusal = isAsyncFunction(original) ? <T>(verdict: T) => Promise.resolve(verdict) : <T>(verdict: T) => verdict;

  // biome-ignore-start lint/complexity/noArguments: `arguments` is read by index and forwarded to apply, never handed to a function on the usual path: V8 then never materializes it, where a rest array would be allocated on every call.
  const wrapper = function (this: unknown): unknown {
    let verdict: PendingVerdict;
    if (only !== undefined) {
      const settings = currentSettings();
      const getRequest = only.getRequest ?? settings.getRequest;
      const first = arguments[0];
      // The usual call: the request alone, or a framework's request first.
      if (getRequest === defaultGetRequest && (arguments.length < 2 || isFrameworkRequest(first))) {
        verdict = only.decide(first, settings);
      } else {
        const request = locateRequest(arguments, getRequest, only.title);
        verdict = isAdmitted(request, wrapper) ? undefined : only.decide(request, settings);
      }
    } else {
      verdict = stackedVerdict(wrapper, checks, arguments);
    }
    if (verdict === undefined) return Reflect.apply(original, this, arguments);
    // The handler runs once an asynchronous verdict allows it.
    if (verdict instanceof Promise) return proceedAfter(verdict, original, this, arguments);
    return refusal(verdict);
  };
  // biome-ignore-end lint/complexity/noArguments: see above
  keepIdentity(wrapper, handler);
  addRule(wrapper, rule);
  guarded.set(wrapper, { original, checks });
  return wrapper as unknown as F;
}

/** The checks of a function a guard wrapped, outermost first; `undefined` for any other value. */
export function guardChecks(fn: unknown): readonly GuardCheck[] | undefined {
  return typeof fn === 'function' ? guarded.get(fn)?.checks : undefined;
}

/** True for a function a guard wrapped: what introspection trusts, rather than copied metadata. */
export function isGuardWrapper(fn: unknown): boolean {
  return typeof fn === 'function' && guarded.has(fn);
}
