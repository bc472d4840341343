import { requestHeader } from '../request/request-header.js';
import { acceptQuality } from './accept.js';

// Sent by jQuery and most AJAX helpers. Only this value counts: Android's
// WebView puts the app's package name in the same header on page loads.
const isXmlHttpRequest = (value: string): boolean =>
  value.split(',').some((item) => item.trim().toLowerCase() === 'xmlhttprequest');

/**
 * True when the caller is a browser navigation that prefers an HTML page: no
 * `X-Requested-With: XMLHttpRequest`, and an `Accept` header that ranks
 * `text/html` strictly above `application/json`. A browser's
 * `text/html,...,*\/*;q=0.8` does; `*\/*`, no `Accept` at all, and a tie do
 * not, so an API client gets JSON unless it clearly asks for HTML.
 *
 * @example
 * prefersHtml({ headers: { accept: 'text/html,application/xhtml+xml,*\/*;q=0.8' } }); // true
 * prefersHtml({ headers: { accept: 'application/json' } });                        // false
 */
export function prefersHtml(request: unknown): boolean {
  const requestedWith = requestHeader(request, 'x-requested-with');
  if (requestedWith !== undefined && isXmlHttpRequest(requestedWith)) return false;
  const accept = requestHeader(request, 'accept');
  return acceptQuality(accept, 'text/html') > acceptQuality(accept, 'application/json');
}
