import { describeKind } from '../internal/describe-value.js';
import { descriptor } from '../internal/descriptor.js';
import { assertHeaderName, assertHeaderValue } from '../internal/header-value.js';
import { readProperty } from '../internal/read-property.js';

/** A framework-agnostic HTTP response whose body is still data. */
export interface JsonResponse<T = unknown> {
  /** The HTTP status code. */
  readonly status: number;
  /** Header names are lower-case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as data: adapters serialize it once, at the edge. */
  readonly body: T;
}

/** What `jsonResponse` accepts besides the body. */
export interface JsonResponseInit {
  /** [status=200] An integer from 100 to 599; an adapter answers a 1xx, which no final answer has, with the clean 500. */
  readonly status?: number;
  /** Extra headers; names in any letter case are stored lower-cased. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The content type of every JSON response the library makes. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

// Only responses built here are recognised: a look-alike object from user
// code or a request body is data, never a status and headers to obey. The
// mark is a private field, which nothing outside this class can add or copy:
// checking it is a field lookup, where a WeakSet of responses costs a weak
// table insert per response and collector work after it.
class MadeResponse<T> implements JsonResponse<T> {
  readonly #made = true;
  constructor(
    readonly status: number,
    readonly headers: Readonly<Record<string, string>>,
    readonly body: T,
  ) {}

  static isMade(value: object): boolean {
    return #made in value;
  }

  // Handed to a framework's own JSON serializer (`res.json(refusal)`,
  // `ctx.body = refusal`), a refusal would go out as a 2xx whose body merely
  // says 401. Failing makes that mistake a 500, never an open door.
  toJSON(): never {
    throw new TypeError(
      'A JsonResponse must be written by an ajax-guard adapter (toHandler, send, toResponse), not serialized as data: ' +
        `serializing it would send its status ${this.status} as a 2xx body`,
    );
  }
}

// A response is no thenable. Resolving a Promise with one (an async
// handler's answer, a check's verdict) looks `then` up: found here, the
// lookup stops a step short of Object.prototype, where a polluted `then`
// would be called with the Promise's resolvers.
Object.defineProperty(MadeResponse.prototype, 'then', descriptor({ value: undefined }));

// Another installed copy of this library (a plugin that bundles its own)
// makes responses with its own private field. Each copy registers its check
// here, under a key every copy knows, so that all recognise each other's
// responses and nothing else.
const REGISTRY_KEY = Symbol.for('ajax-guard.response-checks');
type ResponseCheck = (value: object) => boolean;
const registry = globalThis as { [REGISTRY_KEY]?: ResponseCheck[] };
if (registry[REGISTRY_KEY] === undefined) registry[REGISTRY_KEY] = [];
const checks = registry[REGISTRY_KEY];
checks.push(MadeResponse.isMade);

// One descriptor with no prototype, reused for every header: a polluted
// Object.prototype.get or .set must not make the definition throw.
const HEADER: PropertyDescriptor = descriptor({ value: undefined, enumerable: true, writable: true, configurable: true });

/** The headers of every response built with no init, and of no other: frozen, so one object serves them all, and a response that has them holds data, never one of the library's kept refusals. */
export const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'content-type': JSON_CONTENT_TYPE });

/**
 * Builds a response whose body a test can read directly.
 *
 * @example
 * const res = jsonResponse({ items: [] });            // 200
 * const gone = jsonResponse({ error: 'gone' }, { status: 410 });
 */
export function jsonResponse<T>(body: T, init?: JsonResponseInit): JsonResponse<T> {
  // The common case, a handler's 200, skips reading an init it was not given,
  // and stays small: V8 compiles it on its own and inlines it into each caller.
  // It is not frozen: a freeze is a call into V8's runtime, close to 1% of a
  // server's CPU on every 200, and would guard nothing. Such a response is
  // made per call, for its caller alone, and its headers are the frozen
  // JSON_HEADERS; an adapter writes the status it holds when written.
  return init === undefined ? new MadeResponse(200, JSON_HEADERS, body) : responseWithInit(body, init);
}

function responseWithInit<T>(body: T, init: JsonResponseInit): JsonResponse<T> {
  // Read as requests are: a polluted Object.prototype.status or .headers must
  // not turn every response into a 500 or smuggle headers into it.
  const status = (readProperty(init, 'status') as number | undefined) ?? 200;
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new TypeError(
      `jsonResponse: status must be an integer from 100 to 599, got ${Number.isInteger(status) ? 'one out of range' : describeKind(status)}`,
    );
  }
  const headers: Record<string, string> = { 'content-type': JSON_CONTENT_TYPE };
  const extra = (readProperty(init, 'headers') as JsonResponseInit['headers']) ?? {};
  for (const [name, value] of Object.entries(extra)) {
    assertHeaderName(name, 'jsonResponse: headers');
    assertHeaderValue(value, `jsonResponse: header "${name}"`, false);
    // Defined, not assigned: a header named `__proto__` must stay a header.
    HEADER.value = value;
    Object.defineProperty(headers, name.toLowerCase(), HEADER);
  }
  return fixedResponse(status, headers, body);
}

// Frozen with its headers: they were checked once, when it was made, and
// the library's own responses (a guard's refusal) serve many calls.
function fixedResponse<T>(status: number, headers: Record<string, string>, body: T): JsonResponse<T> {
  return Object.freeze(new MadeResponse(status, Object.freeze(headers), body));
}

/** True only for objects made by `jsonResponse` (of this copy of the library, its other build, or another installed copy). */
export function isJsonResponse(value: unknown): value is JsonResponse {
  if (typeof value !== 'object' || value === null) return false;
  if (MadeResponse.isMade(value)) return true;
  for (const check of checks) if (check(value)) return true;
  return false;
}

/**
 * A response from headers the library composed itself from values checked
 * when a guard was made (lower-case names, valid values, `content-type`
 * included): no per-request check of what cannot be wrong. Not for data
 * from a request or a user: `jsonResponse` checks those.
 *
 * @example
 * checkedResponse(302, { 'content-type': JSON_CONTENT_TYPE, location: '/login?next=%2F' }, body);
 */
export function checkedResponse<T>(status: number, headers: Record<string, string>, body: T): JsonResponse<T> {
  return fixedResponse(status, headers, body);
}
