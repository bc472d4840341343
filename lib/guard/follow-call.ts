import { type Follow, Follower } from './follower.js';
import { claimCheck } from './latest-check.js';

/**
 * `Promise.resolve(value).then((settled) => follow(settled, context))`, for
 * an adapter writing what a guarded call resolves to: a rejection, of
 * `value` or by `follow`, rejects the Promise returned. When `value` is the
 * Promise of the asynchronous check begun last (what a guarded handler
 * returns while its check is pending), `follow` runs in the turn that
 * settles it: no closure, no further Promise job, no turn of the microtask
 * queue. `value` itself still resolves to what the call returns, for any
 * code that kept it.
 *
 * @example
 * return followCall(fn(request, reply), writeAnswer, reply);
 */
export function followCall<C>(value: PromiseLike<unknown>, follow: Follow<C>, context: C): Promise<unknown> {
  const check = claimCheck(value);
  if (check === undefined) return Promise.resolve(value).then((settled) => follow(settled, context));
  check.follower = new Follower(follow, context);
  return check.follower.promise;
}
