import { defaultRender } from '../response/default-render.js';
import type { DenialReason, Renderer } from '../response/denial.js';
import { describeValue } from '../response/header-value.js';
import { isJsonResponse, type JsonResponse, jsonResponse } from '../response/json-response.js';
import { problemDetails } from '../response/problem-details.js';
import { unixSeconds } from '../response/seed-error.js';
import { keepSerialized } from '../response/serialize.js';
import type { Settings } from '../settings.js';
import type { GuardOptions } from './guard-options.js';

const MESSAGES: Readonly<Record<DenialReason, string>> = {
  unauthenticated: 'Unknown authentication scheme',
  forbidden: 'Permission denied',
};

// Error responses must never be cached (a shared cache would hand one user's
// refusal to the next), and RFC 9110 requires a challenge on every 401.
function withDenialHeaders(response: JsonResponse, challenge: string | undefined): JsonResponse {
  const { headers } = response;
  const missing: Record<string, string> = {};
  if (!Object.hasOwn(headers, 'cache-control')) missing['cache-control'] = 'no-store';
  if (challenge !== undefined && !Object.hasOwn(headers, 'www-authenticate')) missing['www-authenticate'] = challenge;
  if (Object.keys(missing).length === 0) return response;
  return jsonResponse(response.body, { status: response.status, headers: { ...headers, ...missing } });
}

function render(
  reason: DenialReason,
  request: unknown,
  options: GuardOptions,
  settings: Settings,
  renderer: Renderer,
  timestamp: string,
): JsonResponse {
  const unauthenticated = reason === 'unauthenticated';
  const status = unauthenticated ? 401 : 403;
  const response = renderer({
    status,
    reason,
    message: options.message ?? MESSAGES[reason],
    errorcode: options.errorcode ?? (unauthenticated ? settings.errorCodes.authentication : settings.errorCodes.permission),
    timestamp,
    request,
  });
  // Fail closed: a render hook that returns anything but an error response is a bug, not a pass.
  if (!isJsonResponse(response) || response.status < 400) {
    throw new TypeError(`render must return an error JsonResponse made by jsonResponse(), got ${describeValue(response)}`);
  }
  // The challenge follows the status sent: RFC 9110 wants one on every 401, and a
  // render hook that answers an anonymous caller with another status needs none.
  return withDenialHeaders(response, response.status === 401 ? (options.challenge ?? settings.challenge) : undefined);
}

// The built-in renderers read nothing of the request: within one second, a
// guard's refusal is the same frozen response for every caller, built and
// serialized once. A new `configure` (a new settings object) or another
// second builds it anew, so no answer is ever stale.
const REQUEST_BLIND = new Set<Renderer>([defaultRender, problemDetails]);

interface Memo {
  settings: Settings | undefined;
  second: number;
  response: JsonResponse | undefined;
}
type Memos = Record<DenialReason, Memo>;

const memos = new WeakMap<GuardOptions, Memos>();

function memosOf(options: GuardOptions): Memos {
  let found = memos.get(options);
  if (found === undefined) {
    const empty = (): Memo => ({ settings: undefined, second: Number.NaN, response: undefined });
    found = { unauthenticated: empty(), forbidden: empty() };
    memos.set(options, found);
  }
  return found;
}

/**
 * The response that refuses a call: the denial rendered by the guard's or the
 * app's `render`, completed with `cache-control: no-store` and, on a 401, the
 * `www-authenticate` challenge.
 */
export function refuse(reason: DenialReason, request: unknown, options: GuardOptions, settings: Settings): JsonResponse {
  // Compared as a number: a memo hit builds no string at all.
  const second = unixSeconds(settings);
  const renderer = options.render ?? settings.render;
  if (!REQUEST_BLIND.has(renderer)) return render(reason, request, options, settings, renderer, String(second));
  const memo = memosOf(options)[reason];
  if (memo.settings === settings && memo.second === second && memo.response !== undefined) return memo.response;
  const response = keepSerialized(render(reason, request, options, settings, renderer, String(second)));
  memo.settings = settings;
  memo.second = second;
  memo.response = response;
  return response;
}
