import { METADATA } from '../internal/decorator-metadata.js';

/**
 * Where `allowAnonymous()` marks a handler public. A mark belongs to a member
 * of one class (a prototype, or an instance for a field, and a key), never to
 * a function object alone: a function shared by `Object.assign` with another
 * class is not public there.
 */

// Holder (a class prototype, or an instance for a standard-decorator field) -> its public keys.
const members = new WeakMap<object, Set<PropertyKey>>();

// Standard (TC39) method and getter decorators see the function and its key,
// and the class only through its metadata: where a runtime gives none, the
// mark holds where the function sits under that key.
const functions = new WeakMap<object, PropertyKey>();

// In a class's standard-decorator metadata: the keys marked public on that
// class. Its metadata inherits its base's, so the set is looked up own only.
const PUBLIC_KEYS = Symbol.for('ajax-guard.public-members');

/** Marks `holder[key]` public: a method or accessor of that prototype, or a field of its instances. */
export function markMember(holder: object, key: PropertyKey): void {
  let keys = members.get(holder);
  if (keys === undefined) {
    keys = new Set();
    members.set(holder, keys);
  }
  keys.add(key);
}

/**
 * Marks the member `key` public from a standard method or getter decorator:
 * in its class's `metadata` where the runtime gives one, else on `fn` where
 * it is found under `key`.
 */
export function markStandardMember(fn: object, key: PropertyKey, metadata: object | undefined): void {
  if (metadata === undefined) {
    functions.set(fn, key);
    return;
  }
  const own = metadata as { [PUBLIC_KEYS]?: Set<PropertyKey> };
  if (!Object.hasOwn(own, PUBLIC_KEYS)) own[PUBLIC_KEYS] = new Set();
  own[PUBLIC_KEYS]?.add(key);
}

// The standard metadata of the class whose prototype `at` is, if any.
function metadataOf(at: object): object | undefined {
  const ctor: unknown = Reflect.getOwnPropertyDescriptor(at, 'constructor')?.value;
  if (typeof ctor !== 'function') return undefined;
  const metadata: unknown = Reflect.getOwnPropertyDescriptor(ctor, METADATA)?.value;
  return typeof metadata === 'object' && metadata !== null ? metadata : undefined;
}

// True when `metadata` marks `key` public on its own class (never through the base's it inherits).
function markedInMetadata(metadata: object | undefined, key: PropertyKey): boolean {
  if (metadata === undefined || !Object.hasOwn(metadata, PUBLIC_KEYS)) return false;
  return (metadata as { [PUBLIC_KEYS]: Set<PropertyKey> })[PUBLIC_KEYS].has(key);
}

const markedAt = (holder: object, key: PropertyKey): boolean => members.get(holder)?.has(key) === true;

// True when the class whose prototype is `at` marks `key` public; `metadata`, when given, stands in for its own.
const markedOn = (at: object, key: PropertyKey, metadata: object | undefined): boolean =>
  markedAt(at, key) || markedInMetadata(metadata ?? metadataOf(at), key);

/**
 * True when the member `key` of `prototype`, defined on `holder` (the prototype
 * itself or one it inherits from) as `fn`, is marked public: on a class from
 * `prototype`'s up to `holder`'s, or on the function under that same key.
 * `metadata` is `prototype`'s class's standard-decorator metadata while its
 * class decorator runs, before the class carries it.
 */
export function isPublicMember(prototype: object, holder: object, key: PropertyKey, fn: unknown, metadata?: object): boolean {
  if (typeof fn === 'function' && functions.get(fn) === key) return true;
  // `holder` is on the chain from `prototype`: the walk ends there at the latest.
  let at = prototype;
  while (!markedOn(at, key, at === prototype ? metadata : undefined)) {
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
