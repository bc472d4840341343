import type { Denial } from './denial.js';
import { type JsonResponse, jsonResponse } from './json-response.js';

/** An RFC 9457 problem document, with the library's `errorcode` and `timestamp` as extensions. */
export interface ProblemDetailsBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errorcode: string;
  readonly timestamp: string;
}

/**
 * The built-in RFC 9457 renderer (`application/problem+json`). `headers`
 * are added to the response (the guards pass their refusal headers).
 *
 * @example
 * configure({ render: problemDetails });
 * loginRequiredAjax({ render: problemDetails });
 */
export function problemDetails(denial: Denial, headers?: Readonly<Record<string, string>>): JsonResponse<ProblemDetailsBody> {
  const { status, message, errorcode, timestamp } = denial;
  return jsonResponse(
    Object.freeze({
      type: 'about:blank',
      title: status === 401 ? 'Unauthorized' : 'Forbidden',
      status,
      detail: message,
      errorcode,
      timestamp,
    }),
    { status, headers: { ...headers, 'content-type': 'application/problem+json; charset=utf-8' } },
  );
}
