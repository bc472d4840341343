import { type AccessRule, addRule, keepIdentity } from '../metadata/access-rule.js';
import { currentSettings } from '../settings.js';
import { type Gate, sequence } from './gate.js';

type AnyFunction = (...args: never[]) => unknown;

// What a guarded function wraps, so that stacked guards merge into one
// wrapper around the original handler instead of nesting one per guard.
const guarded = new WeakMap<object, { readonly original: AnyFunction; readonly gates: readonly Gate[] }>();

const isAsyncFunction = (fn: AnyFunction): boolean => Object.prototype.toString.call(fn) === '[object AsyncFunction]';

// The handler runs once an asynchronous verdict allows it.
function afterVerdict(
  verdict: Promise<unknown>,
  original: AnyFunction,
  self: unknown,
  args: ArrayLike<unknown>,
): Promise<unknown> {
  return verdict.then((settled) => (settled === undefined ? Reflect.apply(original, self, args) : settled));
}

/**
 * Wraps `handler` so that `gate` decides each call before it runs. The
 * wrapper keeps `this`, the arguments, the name, the length and the metadata
 * of what it wraps, and records `rule` in front of the rules already there.
 */
export function guardFunction<F extends AnyFunction>(handler: F, gate: Gate, rule: AccessRule): F {
  const inner = guarded.get(handler);
  const original = inner?.original ?? handler;
  const gates = inner ? [gate, ...inner.gates] : [gate];
  const decide = gates.length === 1 ? gate : sequence(gates);
  // An async handler's callers await it: a refusal reaches them as a Promise too.
  const refuse = isAsyncFunction(original) ? <T>(denial: T) => Promise.resolve(denial) : <T>(denial: T) => denial;

  const wrapper = function (this: unknown): unknown {
    // `arguments` forwarded to apply is never materialized on the allowed
    // path, where a rest array would be allocated on every call.
    // biome-ignore lint/complexity/noArguments: see above
    const verdict = decide(currentSettings().getRequest(arguments));
    // biome-ignore lint/complexity/noArguments: see above
    if (verdict === undefined) return Reflect.apply(original, this, arguments);
    // biome-ignore lint/complexity/noArguments: see above
    if (verdict instanceof Promise) return afterVerdict(verdict, original, this, arguments);
    return refuse(verdict);
  };
  keepIdentity(wrapper, handler);
  addRule(wrapper, rule);
  guarded.set(wrapper, { original, gates });
  return wrapper as unknown as F;
}
