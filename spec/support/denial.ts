import type { Denial } from 'ajax-guard';

/** The denial a guard hands its renderer for an anonymous caller at the pinned timestamp. */
export function aDenial(overrides: Partial<Denial> = {}): Denial {
  return {
    status: 401,
    reason: 'unauthenticated',
    message: 'Unknown authentication scheme',
    errorcode: 'AUTHENTICATION_REQUIRED',
    timestamp: '1764000000',
    request: {},
    ...overrides,
  };
}

/** The denial a guard hands its renderer for a caller who lacks a permission. */
export const aForbiddenDenial = (): Denial =>
  aDenial({ status: 403, reason: 'forbidden', message: 'Permission denied', errorcode: 'PERMISSION_DENIED' });
