import type { JsonResponse } from '../response/json-response.js';
import { currentSettings, type Settings } from '../settings.js';
import { type Gate, isThenable } from './gate.js';
import type { GuardOptions } from './guard-options.js';
import { refuse } from './refuse.js';
import { settleCheck } from './settle-check.js';

/** A further check, run once the caller is known to be authenticated. */
export type ThenCheck = (request: unknown, settings: Settings) => ReturnType<Gate>;

/** The answer to an unauthenticated call. */
export type AnonymousAnswer = (request: unknown, settings: Settings) => JsonResponse;

// The asynchronous continuation lives out here: a closure inside the gate
// would capture `request` and `settings`, and V8 would then allocate their
// context on every call, the synchronous ones too.
function afterAsyncCheck(
  answer: PromiseLike<unknown>,
  request: unknown,
  settings: Settings,
  then: ThenCheck | undefined,
  anonymous: AnonymousAnswer,
): ReturnType<Gate> {
  return settleCheck(answer, settings, (settled) =>
    settled === true ? then?.(request, settings) : anonymous(request, settings),
  );
}

/**
 * A gate that refuses an unauthenticated call (with a 401, unless `anonymous`
 * answers otherwise, as `loginRequired`'s redirect does), then, when given,
 * runs `then` (a permission or user test). Only exactly `true` authenticates;
 * a throwing or rejecting check propagates, so the handler never runs, and an
 * async check that outlasts `settings.checkTimeout` gets a 503.
 */
export function authenticationGate(
  options: GuardOptions,
  then?: ThenCheck,
  anonymous: AnonymousAnswer = (request, settings) => refuse('unauthenticated', request, options, settings),
): Gate {
  return (request) => {
    const settings = currentSettings();
    const answer = (options.isAuthenticated ?? settings.isAuthenticated)(request);
    if (answer === true) return then?.(request, settings);
    if (!isThenable(answer)) return anonymous(request, settings);
    return afterAsyncCheck(answer, request, settings, then, anonymous);
  };
}
