import { headerOf, mayHaveMixedCase, requestHeaders } from '../request/request-header.js';
import { requestMethod } from '../request/request-method.js';

/**
 * True for a CORS preflight: an `OPTIONS` request with both an `Origin` and
 * an `Access-Control-Request-Method` header. A browser sends it before a
 * cross-origin call, and never with cookies or credentials, so no guard can
 * ever let it through: it is answered without one. The method is read
 * first, so any other request costs one field read.
 *
 * @example
 * isCorsPreflight({ method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'DELETE' } }); // true
 * isCorsPreflight({ method: 'OPTIONS', headers: {} }); // false
 */
export function isCorsPreflight(request: unknown): boolean {
  if (requestMethod(request) !== 'OPTIONS') return false;
  const headers = requestHeaders(request);
  const mixedCase = mayHaveMixedCase(request);
  return (
    headerOf(headers, 'origin', mixedCase) !== undefined &&
    headerOf(headers, 'access-control-request-method', mixedCase) !== undefined
  );
}
