import type { AuthenticationCheck } from '../auth/is-authenticated.js';
import { callerKind } from '../negotiation/caller-kind.js';
import { type LoginLocation, loginLocation, loginUrlFor } from '../negotiation/login-location.js';
import { requestHeader } from '../request/request-header.js';
import { requestPath, urlPath } from '../request/request-path.js';
import { assertHeaderValue, describeValue } from '../response/header-value.js';
import { type JsonResponse, jsonResponse } from '../response/json-response.js';
import { keepSerialized } from '../response/serialize.js';
import type { Settings } from '../settings.js';
import { authenticationGate } from './authentication-gate.js';
import { type GuardDecorator, guardDecorator } from './guard-decorator.js';
import { type GuardOptions, readGuardOptions } from './guard-options.js';
import { refuse } from './refuse.js';

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

// Every answer depends on these request headers: no cache may hand a
// browser's redirect to a script, or a script's 401 to a browser.
const VARY = 'Accept, X-Requested-With, Sec-Fetch-Mode, HX-Request';
const REDIRECT_MESSAGE = 'Login required';

function assertNonEmptyHeaderValue(value: unknown, setting: string): void {
  assertHeaderValue(value, setting);
  if (value.trim() === '') throw new TypeError(`${setting} must not be empty, got ${describeValue(value)}`);
}

// The 401 already carries `cache-control` (refuse adds it); a render hook's
// own `vary` is kept (read as its own: never from a polluted prototype).
function withVary(response: JsonResponse): JsonResponse {
  const { headers } = response;
  const vary = Object.hasOwn(headers, 'vary') ? `${headers.vary}, ${VARY}` : VARY;
  return keepSerialized(jsonResponse(response.body, { status: response.status, headers: { ...headers, vary } }));
}

// htmx loads `hx-redirect` as a whole page: the page the fragment is on,
// never the fragment's own URL, and never the host it reports.
function htmxNext(request: unknown): string {
  const current = requestHeader(request, 'hx-current-url');
  return (current === undefined ? undefined : urlPath(current)) ?? requestPath(request);
}

// The answers to anonymous callers, built from fixed parts made once per guard.
function anonymousAnswers(location: LoginLocation, refusal: (request: unknown, settings: Settings) => JsonResponse) {
  // The 401 with its vary, rebuilt only when `refuse` builds a new one
  // (another second, new settings, or a render hook that reads the request).
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
  const redirect = (request: unknown): JsonResponse => {
    const target = loginUrlFor(location, requestPath(request));
    const body: RedirectBody = { status: '302', message: REDIRECT_MESSAGE, location: target };
    return jsonResponse(body, { status: 302, headers: { location: target, vary: VARY, 'cache-control': 'no-store' } });
  };
  return (request: unknown, settings: Settings): JsonResponse => {
    const kind = callerKind(request);
    if (kind === 'navigation') return redirect(request);
    const response = unauthorized(request, settings);
    if (kind === 'script') return response;
    const headers = { ...response.headers, 'hx-redirect': loginUrlFor(location, htmxNext(request)) };
    return jsonResponse(response.body, { status: response.status, headers });
  };
}

/**
 * The seed's `RequireSignIn`, negotiated: an anonymous browser navigation
 * (one that prefers HTML, see `prefersHtml`) gets a 302 to
 * `loginUrl?next=<this request's path and query, URL-encoded>`; any other
 * anonymous caller gets the 401 JSON of `loginRequiredAjax`, and an htmx
 * one's 401 also carries `hx-redirect` to the login page with `next` set to
 * the page it came from (its `HX-Current-URL`), so htmx loads the login page
 * whole. A `next` that `loginUrl` already has is replaced. Every answer
 * carries `vary: Accept, X-Requested-With, Sec-Fetch-Mode, HX-Request` and
 * `cache-control: no-store`. `next` is only ever a path and query on this
 * site (see `requestPath`): never a Host or X-Forwarded-* header, and never
 * the host of `HX-Current-URL`.
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
  const answer = anonymousAnswers(loginLocation(loginUrl, redirectFieldName), (request, settings) =>
    refuse('unauthenticated', request, resolved, settings),
  );
  const gate = authenticationGate(resolved, undefined, answer);
  return guardDecorator('@loginRequired()', gate, { kind: 'login', loginUrl });
}
