import type { AuthenticationCheck } from '../auth/is-authenticated.js';
import { decideAuthenticated } from '../guard/decide.js';
import { defineGuard, type GuardDecorator } from '../guard/define-guard.js';
import { type GuardOptions, readGuardOptions } from '../guard/options.js';
import { refuse } from '../guard/refuse.js';
import { describeValue } from '../internal/describe-value.js';
import { assertHeaderValue } from '../internal/header-value.js';
import { prefersHtml } from '../negotiation/prefers-html.js';
import { requestPath } from '../request/request-path.js';
import { type JsonResponse, jsonResponse } from '../response/json-response.js';
import { keepSerialized } from '../serialize/serialize-response.js';

type SyncCheck = (request: any) => boolean;

/** Options of `loginRequired`: where to send a browser, and those of every guard. */
export interface LoginRequiredOptions<Check extends AuthenticationCheck = AuthenticationCheck> extends GuardOptions<Check> {
  /** The login page a browser is redirected to, as Django's `LOGIN_URL`: `/login`, `https://sso.example/login?app=1`. */
  readonly loginUrl: string;
  /** [redirectFieldName="next"] The query parameter that carries the path to come back to. */
  readonly redirectFieldName?: string;
}

/** The body of the redirect, for a client that reads it instead of following it. */
export interface RedirectBody {
  readonly status: '302';
  readonly message: string;
  readonly location: string;
}

const GUARD = 'loginRequired';

// Both answers depend on these request headers: no cache may hand a
// browser's redirect to a script, or a script's 401 to a browser.
const VARY = 'Accept, X-Requested-With';

function assertNonEmptyHeaderValue(value: unknown, setting: string): void {
  assertHeaderValue(value, setting);
  if (value.trim() === '') throw new TypeError(`${setting} must not be empty, got ${describeValue(value)}`);
}

// `loginUrl` with `field=encoded path` added to its query, before any fragment.
function loginLocation(loginUrl: string, field: string, request: unknown): string {
  const hash = loginUrl.indexOf('#');
  const base = hash === -1 ? loginUrl : loginUrl.slice(0, hash);
  const fragment = hash === -1 ? '' : loginUrl.slice(hash);
  const separator = base.includes('?') ? '&' : '?';
  return `${base}${separator}${encodeURIComponent(field)}=${encodeURIComponent(requestPath(request))}${fragment}`;
}

// The 401 already carries `cache-control` (refuse adds it); a render hook's own `vary` is kept.
function withVary(response: JsonResponse): JsonResponse {
  const own = response.headers.vary;
  const vary = own === undefined ? VARY : `${own}, ${VARY}`;
  return keepSerialized(jsonResponse(response.body, { status: response.status, headers: { ...response.headers, vary } }));
}

/**
 * Django's `login_required` (`RequireSignIn` in the original snippet), negotiated: an anonymous browser navigation
 * (one that prefers HTML, see `prefersHtml`) gets a 302 to
 * `loginUrl?next=<this request's path and query, URL-encoded>`; any other
 * anonymous caller gets the 401 JSON of `loginRequiredAjax`. Both answers
 * carry `vary: Accept, X-Requested-With` and `cache-control: no-store`.
 * `next` is only ever the request's own path and query (see `requestPath`):
 * never a Host or X-Forwarded-* header, so never another site.
 *
 * @example
 * class Dashboard {
 *   @loginRequired({ loginUrl: '/login' })
 *   show(req: Request): JsonResponse { ... }
 * }
 */
export function loginRequired(options: LoginRequiredOptions<SyncCheck>): GuardDecorator;
export function loginRequired(options: LoginRequiredOptions): GuardDecorator<PromiseLike<unknown>>;
export function loginRequired(options: LoginRequiredOptions): GuardDecorator<unknown> {
  const resolved = readGuardOptions<LoginRequiredOptions>(GUARD, options, {
    loginUrl: assertNonEmptyHeaderValue,
    redirectFieldName: assertNonEmptyHeaderValue,
  });
  const { loginUrl, redirectFieldName = 'next' } = resolved;
  if (loginUrl === undefined) {
    throw new TypeError(
      `${GUARD}: options.loginUrl is required, the login page to redirect browsers to, e.g. { loginUrl: '/login' }`,
    );
  }
  const decide = decideAuthenticated(resolved, undefined, (request, settings) => {
    if (!prefersHtml(request)) return withVary(refuse('unauthenticated', request, resolved, settings));
    const location = loginLocation(loginUrl, redirectFieldName, request);
    const body: RedirectBody = { status: '302', message: 'Login required', location };
    // A refusal: written as it is, never through an app's response schema.
    return keepSerialized(jsonResponse(body, { status: 302, headers: { location, vary: VARY, 'cache-control': 'no-store' } }));
  });
  return defineGuard({ name: GUARD, options: resolved, decide, rule: { kind: 'login', loginUrl } });
}
