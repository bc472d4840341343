import type { JsonResponse } from './json-response.js';

/** Why a guard refused a call. */
export type DenialReason = 'unauthenticated' | 'forbidden';

/** What a `render` hook receives when a guard refuses a call. */
export interface Denial<R = unknown> {
  /** 401 when unauthenticated, 403 when forbidden. */
  readonly status: 401 | 403;
  readonly reason: DenialReason;
  readonly message: string;
  readonly errorcode: string;
  /** Unix seconds as a string, as Django's `format(now, 'U')`. */
  readonly timestamp: string;
  /** The first argument the handler was called with. */
  readonly request: R;
}

/** Turns a denial into the response sent: for teams with their own error format. */
export type Renderer = (denial: Denial) => JsonResponse;
