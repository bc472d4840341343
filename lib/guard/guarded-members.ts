import 'reflect-metadata';

// On the class prototype, per member: a decorator stacked outside the guard
// (tracing, a transaction) replaces the method with a function of its own,
// which hides the guard's wrapper, but the member is still one a guard
// decorated. NestJS then still passes it its request.
const GUARDED_MEMBER = 'ajax-guard:guarded-member';

/** Records that a guard decorated the method `key` of `prototype` (legacy decorators). */
export function markGuardedMember(prototype: object, key: string | symbol): void {
  Reflect.defineMetadata(GUARDED_MEMBER, true, prototype, key);
}

/** True when a guard decorated the method `key` of `prototype` or of a class it inherits from. */
export function isGuardedMember(prototype: object, key: string | symbol): boolean {
  return Reflect.getMetadata(GUARDED_MEMBER, prototype, key) === true;
}
