import type { AuthenticationCheck } from '../auth/is-authenticated.js';
import { decideAuthenticated } from '../guard/decide.js';
import { defineGuard, type GuardDecorator } from '../guard/define-guard.js';
import { type GuardOptions, readGuardOptions } from '../guard/options.js';
import { refuse } from '../guard/refuse.js';
import { describeValue } from '../internal/describe-value.js';
import { assertHeaderValue } from '../internal/header-value.js';
import { loginLocation } from '../negotiation/login-location.js';
import { anonymousAnswer } from './login-required-answer.js';

export type { RedirectBody } from './login-required-answer.js';

type SyncCheck = (request: any) => boolean;

/** Options of `loginRequired`: where to send a browser, and those of every guard. */
export interface LoginRequiredOptions<Check extends AuthenticationCheck = AuthenticationCheck> extends GuardOptions<Check> {
  /** The login page a browser is redirected to, as Django's `LOGIN_URL`: `/login`, `https://sso.example/login?app=1`. */
  readonly loginUrl: string;
  /** [redirectFieldName="next"] The query parameter that carries the path to come back to. */
  readonly redirectFieldName?: string;
}

const GUARD = 'loginRequired';

function assertNonEmptyHeaderValue(value: unknown, setting: string): void {
  assertHeaderValue(value, setting);
  if (value.trim() === '') throw new TypeError(`${setting} must not be empty, got ${describeValue(value)}`);
}

/**
 * Django's `login_required` (`RequireSignIn` in the original snippet), negotiated: an anonymous browser navigation
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
  const answer = anonymousAnswer(loginLocation(loginUrl, redirectFieldName), (request, settings) =>
    refuse('unauthenticated', request, resolved, settings),
  );
  const decide = decideAuthenticated(resolved, undefined, answer);
  return defineGuard({ name: GUARD, options: resolved, decide, rule: { kind: 'login', loginUrl } });
}
