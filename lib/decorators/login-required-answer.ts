import { callerKind } from '../negotiation/caller-kind.js';
import { type LoginLocation, loginUrlFor } from '../negotiation/login-location.js';
import { requestHeader } from '../request/request-header.js';
import { requestMethod } from '../request/request-method.js';
import { requestPath, requestTarget, targetPath, urlPath } from '../request/request-path.js';
import { checkedResponse, JSON_CONTENT_TYPE, type JsonResponse, jsonResponse } from '../response/json-response.js';
import { keepSerialized } from '../serialize/serialize-response.js';
import type { Settings } from '../settings.js';

/** The body of the redirect, for a client that reads it instead of following it. */
export interface RedirectBody {
  readonly status: '302';
  readonly message: string;
  readonly location: string;
}

// Every answer depends on these request headers: no cache may hand a
// browser's redirect to a script, or a script's 401 to a browser.
const VARY = 'Accept, X-Requested-With, Sec-Fetch-Mode, HX-Request';
const REDIRECT_MESSAGE = 'Login required';

// The redirects of the request targets most recently refused, per guard: a
// redirect depends on the target alone, and a site's login-required pages
// are few. Kept by the target as it came, so a kept one costs no cleaning
// of the path. A caller who sends endless distinct targets only evicts
// older ones (first in, first out), and a long target is never kept.
const REDIRECTS_KEPT = 256;
const LONGEST_KEPT_TARGET = 1024;

// The 401 already carries `cache-control` (refuse adds it); a render hook's
// own `vary` is kept (read as its own: never from a polluted prototype).
function withVary(response: JsonResponse): JsonResponse {
  const { headers } = response;
  const vary = Object.hasOwn(headers, 'vary') ? `${headers.vary}, ${VARY}` : VARY;
  return keepSerialized(jsonResponse(response.body, { status: response.status, headers: { ...headers, vary } }));
}

// htmx loads `hx-redirect` as a whole page: the page the fragment is on,
// never the fragment's own URL, and never the host it reports. A boosted
// link (`HX-Boosted`, a GET) is the page the user asked for: it comes back
// there; a boosted form comes back to the page the form is on.
function htmxNext(request: unknown): string {
  if (requestHeader(request, 'hx-boosted') === 'true') {
    const method = requestMethod(request);
    if (method === 'GET' || method === 'HEAD') return requestPath(request);
  }
  const current = requestHeader(request, 'hx-current-url');
  return (current === undefined ? undefined : urlPath(current)) ?? requestPath(request);
}

/**
 * The answer of `loginRequired` to an anonymous caller, as `callerKind`
 * tells it: a navigation gets the 302 to the login page; a script the
 * refusal (`refusal`, the 401 JSON) with `vary`; htmx the same plus
 * `hx-redirect`. Built from parts made once per guard: the login URL split
 * around `next`, the redirects of the last targets refused, and the 401 with
 * its `vary`, rebuilt only when `refusal` builds a new 401 (another second,
 * new settings, or a render hook that reads the request).
 *
 * @example
 * const answer = anonymousAnswer(loginLocation('/login', 'next'), (request, settings) => refuse('unauthenticated', request, options, settings));
 * answer({ url: '/a', headers: { 'sec-fetch-mode': 'navigate' } }, currentSettings()).status; // 302
 */
export function anonymousAnswer(
  location: LoginLocation,
  refusal: (request: unknown, settings: Settings) => JsonResponse,
): (request: unknown, settings: Settings) => JsonResponse {
  let refused: JsonResponse | undefined;
  let varied: JsonResponse | undefined;
  const unauthorized = (request: unknown, settings: Settings): JsonResponse => {
    const response = refusal(request, settings);
    if (response !== refused || varied === undefined) {
      varied = withVary(response);
      refused = response;
    }
    return varied;
  };
  const redirects = new Map<string, JsonResponse>();
  // `loginUrl` was checked when the guard was made and the path is
  // percent-encoded: the location is a valid header value by construction.
  const redirect = (request: unknown): JsonResponse => {
    const target = requestTarget(request);
    const kept = target === undefined ? undefined : redirects.get(target);
    if (kept !== undefined) return kept;
    const login = loginUrlFor(location, targetPath(target));
    const body: RedirectBody = Object.freeze({ status: '302', message: REDIRECT_MESSAGE, location: login });
    const headers = { 'content-type': JSON_CONTENT_TYPE, location: login, vary: VARY, 'cache-control': 'no-store' };
    // A refusal: written as its own text, never through an app's response schema.
    const response = keepSerialized(checkedResponse(302, headers, body));
    if (target !== undefined && target.length <= LONGEST_KEPT_TARGET) {
      if (redirects.size === REDIRECTS_KEPT) redirects.delete(redirects.keys().next().value as string);
      redirects.set(target, response);
    }
    return response;
  };
  return (request: unknown, settings: Settings): JsonResponse => {
    const kind = callerKind(request);
    if (kind === 'navigation') return redirect(request);
    const response = unauthorized(request, settings);
    if (kind === 'script') return response;
    const headers = { ...response.headers, 'hx-redirect': loginUrlFor(location, htmxNext(request)) };
    return keepSerialized(jsonResponse(response.body, { status: response.status, headers }));
  };
}
