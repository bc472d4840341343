/** The resolving functions of a Promise, as `ownPromise` sets them on their holder. */
export interface Resolvers {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

// The executor of every Promise made here: Promise runs it at once, so the
// holder being filled is known, and no closure is made per Promise for it.
let filling: Resolvers | undefined;
function capture(resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
  (filling as Resolvers).resolve = resolve;
  (filling as Resolvers).reject = reject;
}

/**
 * A new Promise, its resolving functions set on `holder`: a record that
 * settles its Promise later, with no closure made to hand them over.
 *
 * @example
 * this.promise = ownPromise(this);
 */
export function ownPromise(holder: Resolvers): Promise<unknown> {
  filling = holder;
  const promise = new Promise(capture);
  filling = undefined;
  return promise;
}
