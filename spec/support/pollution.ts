/**
 * Prototype pollution, as a vulnerable merge in some other dependency would
 * leave it: enumerable, writable properties on Object.prototype. `run` is
 * called while they are there, and they are removed before anything else
 * (chai included) runs, even when `run` throws.
 */
export function whilePolluted<T>(properties: Record<string, unknown>, run: () => T): T {
  const target = Object.prototype as Record<string, unknown>;
  for (const key of Object.keys(properties)) {
    if (Object.hasOwn(target, key)) throw new Error(`Object.prototype.${key} is already set: a previous test leaked it`);
  }
  try {
    Object.assign(target, properties);
    return run();
  } finally {
    for (const key of Object.keys(properties)) delete target[key];
  }
}
