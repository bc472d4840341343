import { currentSettings, type Settings } from '../settings.js';
import { type Gate, isThenable } from './gate.js';
import type { GuardOptions } from './guard-options.js';
import { refuse } from './refuse.js';

/** A further check, run once the caller is known to be authenticated. */
export type ThenCheck = (request: unknown, settings: Settings) => ReturnType<Gate>;

// The asynchronous continuation lives out here: a closure inside the gate
// would capture `request` and `settings`, and V8 would then allocate their
// context on every call, the synchronous ones too.
function afterAsyncCheck(
  answer: PromiseLike<unknown>,
  request: unknown,
  options: GuardOptions,
  settings: Settings,
  then: ThenCheck | undefined,
): ReturnType<Gate> {
  return Promise.resolve(answer).then((settled) =>
    settled === true ? then?.(request, settings) : refuse('unauthenticated', request, options, settings),
  );
}

/**
 * A gate that refuses an unauthenticated call with a 401, then, when given,
 * runs `then` (a permission or user test). Only exactly `true` authenticates;
 * a throwing or rejecting check propagates, so the handler never runs.
 */
export function authenticationGate(options: GuardOptions, then?: ThenCheck): Gate {
  return (request) => {
    const settings = currentSettings();
    const answer = (options.isAuthenticated ?? settings.isAuthenticated)(request);
    if (answer === true) return then?.(request, settings);
    if (!isThenable(answer)) return refuse('unauthenticated', request, options, settings);
    return afterAsyncCheck(answer, request, options, settings, then);
  };
}
