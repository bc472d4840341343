import type { Settings } from '../settings.js';
import { type Gate, isThenable } from './gate.js';
import type { GuardOptions } from './guard-options.js';
import { refuse } from './refuse.js';
import { settleCheck } from './settle-check.js';

/**
 * The verdict on a permission check's or user test's answer: only exactly
 * `true` (or a Promise of it) lets the call through; anything else is a 403.
 * A rejection propagates, so the handler never runs; an answer that outlasts
 * `settings.checkTimeout` gets a 503.
 */
export function forbidUnless(answer: unknown, request: unknown, options: GuardOptions, settings: Settings): ReturnType<Gate> {
  if (answer === true) return undefined;
  if (!isThenable(answer)) return refuse('forbidden', request, options, settings);
  return settleCheck(answer, settings, (settled) =>
    settled === true ? undefined : refuse('forbidden', request, options, settings),
  );
}
