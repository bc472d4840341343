import type { DenialReason } from '../response/denial.js';
import { describeValue } from '../response/header-value.js';
import { isJsonResponse, type JsonResponse, jsonResponse } from '../response/json-response.js';
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

/**
 * The response that refuses a call: the denial rendered by the guard's or the
 * app's `render`, completed with `cache-control: no-store` and, on a 401, the
 * `www-authenticate` challenge.
 */
export function refuse(reason: DenialReason, request: unknown, options: GuardOptions, settings: Settings): JsonResponse {
  const unauthenticated = reason === 'unauthenticated';
  const status = unauthenticated ? 401 : 403;
  const render = options.render ?? settings.render;
  const response = render({
    status,
    reason,
    message: options.message ?? MESSAGES[reason],
    errorcode: options.errorcode ?? (unauthenticated ? settings.errorCodes.authentication : settings.errorCodes.permission),
    timestamp: String(Math.floor(settings.clock() / 1000)),
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
