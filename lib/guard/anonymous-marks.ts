/**
 * Where `allowAnonymous()` marks a handler public. A mark belongs to a member
 * of one class (a prototype, or an instance for a field, and a key), never to
 * a function object alone: a function shared by `Object.assign` with another
 * class is not public there.
 */

// Holder (a class prototype, or an instance for a standard-decorator field) -> its public keys.
const members = new WeakMap<object, Set<PropertyKey>>();

// Standard (TC39) method and getter decorators see the function and its key,
// not the class: the mark holds only where the function sits under that key.
const functions = new WeakMap<object, PropertyKey>();

/** Marks `holder[key]` public: a method or accessor of that prototype, or a field of its instances. */
export function markMember(holder: object, key: PropertyKey): void {
  let keys = members.get(holder);
  if (keys === undefined) {
    keys = new Set();
    members.set(holder, keys);
  }
  keys.add(key);
}

/** Marks `fn` public where it is found under `key` (a standard method or getter decorator). */
export function markFunction(fn: object, key: PropertyKey): void {
  functions.set(fn, key);
}

const markedAt = (holder: object, key: PropertyKey): boolean => members.get(holder)?.has(key) === true;

/**
 * True when the member `key` of `prototype`, defined on `holder` (the prototype
 * itself or one it inherits from) as `fn`, is marked public: on a prototype
 * from `prototype` up to `holder`, or on the function under that same key.
 */
export function isPublicMember(prototype: object, holder: object, key: PropertyKey, fn: unknown): boolean {
  if (typeof fn === 'function' && functions.get(fn) === key) return true;
  // `holder` is on the chain from `prototype`: the walk ends there at the latest.
  let at = prototype;
  while (!markedAt(at, key)) {
    if (at === holder) return false;
    at = Reflect.getPrototypeOf(at) as object;
  }
  return true;
}

/** True when the own field `key` of `instance` is marked public, on the instance or a prototype it inherits. */
export function isPublicField(instance: object, key: PropertyKey): boolean {
  for (let at: object | null = instance; at !== null; at = Reflect.getPrototypeOf(at)) {
    if (markedAt(at, key)) return true;
  }
  return false;
}
