/**
 * Reads request, user and options objects without trusting their prototypes.
 *
 * A property counts when it is the object's own, or sits on the prototype of a
 * class in its chain (Fastify's request decorators, Node's IncomingMessage
 * getters). It never comes from `Object.prototype`, nor from a plain object
 * used as a prototype, so a polluted `Object.prototype.user` authenticates
 * nobody and `Object.create({ user })` proves nothing.
 */

/** What `lookUp` returns for a key that is not there at all (as opposed to set to undefined). */
export const MISSING: unique symbol = Symbol('missing');

/** True for objects and functions: the values that can carry properties. */
export function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

// A class prototype holds its class in an own `constructor`, and that class
// points back at it. The root of any chain (Object.prototype in this realm or
// another, or a null-prototype object) has no prototype of its own: never read.
function pointsAtItsClass(holder: object): boolean {
  const ctor = Reflect.getOwnPropertyDescriptor(holder, 'constructor')?.value;
  return typeof ctor === 'function' && Reflect.getOwnPropertyDescriptor(ctor, 'prototype')?.value === holder;
}

// The prototypes met are a framework's few (Fastify's Request, Koa's
// context): each is asked once, not with two descriptors on every request.
const classPrototypes = new WeakMap<object, boolean>();

function isClassPrototype(holder: object): boolean {
  if (Reflect.getPrototypeOf(holder) === null) return false;
  let known = classPrototypes.get(holder);
  if (known === undefined) {
    known = pointsAtItsClass(holder);
    classPrototypes.set(holder, known);
  }
  return known;
}

/** Looks `key` up on `object` as described above, or returns `MISSING`. */
export function lookUp(object: unknown, key: string): unknown {
  if (!isObjectLike(object)) return MISSING;
  // `in` answers a key missing from the whole chain at inline-cache speed; a
  // key found anywhere (a polluted Object.prototype included) is then placed.
  if (!(key in object)) return MISSING;
  // Checked with hasOwn before any read: no descriptor object is allocated on
  // the per-request path, and a getter runs with the object as `this`.
  if (Object.hasOwn(object, key)) return (object as Record<string, unknown>)[key];
  for (let holder = Reflect.getPrototypeOf(object); holder !== null; holder = Reflect.getPrototypeOf(holder)) {
    if (Object.hasOwn(holder, key) && isClassPrototype(holder)) return Reflect.get(holder, key, object);
  }
  return MISSING;
}

/** The value of `key` on `object`, read as `lookUp` does, or undefined. */
export function readProperty(object: unknown, key: string): unknown {
  const value = lookUp(object, key);
  return value === MISSING ? undefined : value;
}
