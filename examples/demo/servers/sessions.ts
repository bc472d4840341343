import { randomBytes } from 'node:crypto';

/** How long a session lasts: two hours. */
export const SESSION_MAX_AGE_MS = 2 * 60 * 60 * 1000;

/**
 * A new secret to sign session cookies with. The sessions live in memory
 * and end with the process, so a secret need not outlive it either; a real
 * app reads a fixed one from its configuration.
 */
export const newSessionSecret = (): string => randomBytes(32).toString('hex');
