import { defaultIsAuthenticated, isAuthenticatedUser, requestSaysAuthenticated } from '../auth/is-authenticated.js';
import { defaultGetUser, type UserGetter } from '../auth/user.js';
import { isThenable } from '../internal/is-thenable.js';
import type { JsonResponse } from '../response/json-response.js';
import type { Settings } from '../settings.js';
import type { GuardOptions } from './options.js';
import { refuse } from './refuse.js';
import { settleCheck } from './settle.js';
import type { Ruling } from './settling.js';
import type { PendingVerdict } from './verdict.js';

/** A guard's decision on one request. */
export type Decide = (request: unknown, settings: Settings) => PendingVerdict;

/** A further check (a permission or a user test), run with the user once the caller is authenticated. */
export type Permit = (user: unknown, request: unknown, settings: Settings) => PendingVerdict;

/** The response to an unauthenticated call: the 401, or `loginRequired`'s redirect. */
export type AnonymousAnswer = (request: unknown, settings: Settings) => JsonResponse;

// The asynchronous continuations live out here, or are made once per
// guard: a closure inside the decision would capture `request` and
// `settings`, and V8 would then allocate their context on every call, the
// synchronous ones too.

function permitWithUser(permit: Permit, getUser: UserGetter, request: unknown, settings: Settings): PendingVerdict {
  const user = getUser(request);
  // Only an app's own getUser is awaited: a Promise the default finds where
  // the user goes is a forgotten `await`, and proves nothing.
  if (getUser === defaultGetUser || !isThenable(user)) return permit(user, request, settings);
  return settleCheck(user, request, settings, permit);
}

// The default check, with the guard's or the app's getUser: the request's
// own `isAuthenticated()` first (passport), else the user must be one.
function decideByUser(
  request: unknown,
  settings: Settings,
  getUser: UserGetter,
  permit: Permit | undefined,
  anonymous: AnonymousAnswer,
  onUser: Ruling,
): PendingVerdict {
  const said = requestSaysAuthenticated(request);
  if (said === false) return anonymous(request, settings);
  if (said === true) return permit === undefined ? undefined : permitWithUser(permit, getUser, request, settings);
  const user = getUser(request);
  if (getUser !== defaultGetUser && isThenable(user)) return settleCheck(user, request, settings, onUser);
  if (!isAuthenticatedUser(user)) return anonymous(request, settings);
  return permit?.(user, request, settings);
}

/**
 * The decision of every guard: an unauthenticated call is refused (with a
 * 401, unless `anonymous` responds otherwise, as `loginRequired`'s redirect
 * does); an authenticated one is then put to `permit` (a permission or user
 * test) when given. Only exactly `true` authenticates; a throwing or
 * rejecting check propagates, so the handler never runs; an async check that
 * outlasts `settings.checkTimeout` gets a 503.
 */
export function decideAuthenticated(
  options: GuardOptions,
  permit?: Permit,
  anonymous: AnonymousAnswer = (request, settings) => refuse('unauthenticated', request, options, settings),
): Decide {
  // Read once: the options are frozen. Each kind of guard's options has a
  // shape of its own, so a read per call would be a shape check that fails,
  // and sends V8 back to compile the decision again, wherever a route of
  // another kind of guard takes over.
  const { isAuthenticated: ownCheck, getUser: ownGetUser } = options;
  // The rulings once an async user, or an async check's answer, is in.
  const onUser: Ruling = (settled, request, settings) =>
    !isAuthenticatedUser(settled) ? anonymous(request, settings) : permit?.(settled, request, settings);
  const onCheck: Ruling = (settled, request, settings) => {
    if (settled !== true) return anonymous(request, settings);
    return permit === undefined ? undefined : permitWithUser(permit, ownGetUser ?? settings.getUser, request, settings);
  };
  return (request, settings) => {
    const check = ownCheck ?? settings.isAuthenticated;
    const getUser = ownGetUser ?? settings.getUser;
    if (check === defaultIsAuthenticated) {
      // The usual login check: one call, the shape of the code V8 inlines best.
      if (getUser === defaultGetUser && permit === undefined) {
        return defaultIsAuthenticated(request) ? undefined : anonymous(request, settings);
      }
      return decideByUser(request, settings, getUser, permit, anonymous, onUser);
    }
    const answer = check(request);
    if (answer === true) return permit === undefined ? undefined : permitWithUser(permit, getUser, request, settings);
    if (!isThenable(answer)) return anonymous(request, settings);
    return settleCheck(answer, request, settings, onCheck);
  };
}

/** The verdict on a permission check's or user test's answer. */
export type Forbid = (answer: unknown, request: unknown, settings: Settings) => PendingVerdict;

/**
 * The verdict on a guard's permission check or user test, made once per
 * guard: only exactly `true` (or a Promise of it) lets the call through;
 * anything else is a 403.
 */
export function forbidUnless(options: GuardOptions): Forbid {
  const onAnswer: Ruling = (settled, request, settings) =>
    settled === true ? undefined : refuse('forbidden', request, options, settings);
  return (answer, request, settings) => {
    if (answer === true) return undefined;
    if (!isThenable(answer)) return refuse('forbidden', request, options, settings);
    return settleCheck(answer, request, settings, onAnswer);
  };
}
