import { describeValue } from '../internal/describe-value.js';
import type { DenialReason, Renderer } from '../response/denial.js';
import { defaultRender, unixSeconds } from '../response/error-body.js';
import { isJsonResponse, type JsonResponse, jsonResponse } from '../response/json-response.js';
import { problemDetails } from '../response/problem-details.js';
import { keepSerialized } from '../serialize/serialize-response.js';
import type { Settings } from '../settings.js';
import type { GuardOptions } from './options.js';

const MESSAGES: Readonly<Record<DenialReason, string>> = {
  unauthenticated: 'Unknown authentication scheme',
  forbidden: 'Permission denied',
};

// A refusal must never be cached (a shared cache would hand one user's
// refusal to the next, whatever a render hook asked), and RFC 9110 requires
// a challenge on every 401.
function refusalHeaders(status: number, options: GuardOptions, settings: Settings): Record<string, string> {
  if (status !== 401) return { 'cache-control': 'no-store' };
  return { 'cache-control': 'no-store', 'www-authenticate': options.challenge ?? settings.challenge };
}

// A render hook's own response, completed: its challenge is kept, its cache-control is not.
function completed(response: JsonResponse, options: GuardOptions, settings: Settings): JsonResponse {
  const headers: Record<string, string> = { ...response.headers, ...refusalHeaders(response.status, options, settings) };
  const own = response.headers['www-authenticate'];
  if (Object.hasOwn(response.headers, 'www-authenticate') && own !== undefined) headers['www-authenticate'] = own;
  return jsonResponse(response.body, { status: response.status, headers });
}

// The built-in renderers take the refusal headers and build the response in
// one step; they read nothing of the request, so the result is memoized.
const BUILT_IN = new Set<Renderer>([defaultRender, problemDetails]);

function render(reason: DenialReason, request: unknown, options: GuardOptions, settings: Settings, second: number) {
  const unauthenticated = reason === 'unauthenticated';
  const status = unauthenticated ? 401 : 403;
  const denial = {
    status,
    reason,
    message: options.message ?? MESSAGES[reason],
    errorcode: options.errorcode ?? (unauthenticated ? settings.errorCodes.authentication : settings.errorCodes.permission),
    timestamp: String(second),
    request,
  } as const;
  const renderer = options.render ?? settings.render;
  if (BUILT_IN.has(renderer)) {
    return (renderer as typeof defaultRender)(denial, refusalHeaders(status, options, settings));
  }
  const response = renderer(denial);
  // Fail closed: a render hook that returns anything but an error response is a bug, not a pass.
  if (!isJsonResponse(response) || response.status < 400) {
    throw new TypeError(`render must return an error JsonResponse made by jsonResponse(), got ${describeValue(response)}`);
  }
  return completed(response, options, settings);
}

interface Memo {
  settings: Settings | undefined;
  second: number;
  response: JsonResponse | undefined;
}

// Per guard and reason: within one second and one settings object, a
// built-in refusal is the same frozen response for every caller, built and
// serialized once. A new `configure` or another second builds it anew.
const memos = new WeakMap<GuardOptions, Record<DenialReason, Memo>>();

function memoOf(options: GuardOptions, reason: DenialReason): Memo {
  let found = memos.get(options);
  if (found === undefined) {
    const empty = (): Memo => ({ settings: undefined, second: Number.NaN, response: undefined });
    found = { unauthenticated: empty(), forbidden: empty() };
    memos.set(options, found);
  }
  return found[reason];
}

/**
 * The response that refuses a call: the denial rendered by the guard's or the
 * app's `render`, with `cache-control: no-store` and, on a 401, the
 * `www-authenticate` challenge.
 */
export function refuse(reason: DenialReason, request: unknown, options: GuardOptions, settings: Settings): JsonResponse {
  // Compared as a number: a memo hit builds no string at all.
  const second = unixSeconds(settings.clock);
  if (!BUILT_IN.has(options.render ?? settings.render)) return render(reason, request, options, settings, second);
  const memo = memoOf(options, reason);
  if (memo.settings === settings && memo.second === second && memo.response !== undefined) return memo.response;
  const response = keepSerialized(render(reason, request, options, settings, second));
  memo.settings = settings;
  memo.second = second;
  memo.response = response;
  return response;
}
