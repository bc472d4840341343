import { headerOf, mayHaveMixedCase, requestHeaders } from '../request/request-header.js';
import { htmlOverJson } from './accept.js';

/**
 * Who is calling, as negotiation tells: a browser `navigation` that wants a
 * page, a `script` (fetch, XHR, an API client) that wants JSON, or `htmx`,
 * which wants JSON too and can be told where to send the whole page.
 */
export type CallerKind = 'navigation' | 'script' | 'htmx';

// Sent by jQuery and most AJAX helpers. Only this value counts: Android's
// WebView puts the app's package name in the same header on page loads.
const isXmlHttpRequest = (value: string): boolean =>
  value.split(',').some((item) => item.trim().toLowerCase() === 'xmlhttprequest');

/**
 * How `request` is to be answered, from the most reliable signal present:
 * `HX-Request: true` is htmx, whatever it accepts; `Sec-Fetch-Mode`, which
 * browsers set and scripts cannot, is a navigation exactly when `navigate`;
 * else `X-Requested-With: XMLHttpRequest` is a script; else a navigation
 * when `Accept` ranks `text/html` strictly above `application/json`. Each
 * header is read only when the ones before it left the question open, and
 * an absent header costs one lookup.
 *
 * @example
 * callerKind({ headers: { 'sec-fetch-mode': 'navigate' } }); // 'navigation'
 * callerKind({ headers: { 'hx-request': 'true', accept: 'text/html' } }); // 'htmx'
 */
export function callerKind(request: unknown): CallerKind {
  const headers = requestHeaders(request);
  const mixedCase = mayHaveMixedCase(request);
  if (headerOf(headers, 'hx-request', mixedCase) === 'true') return 'htmx';
  const mode = headerOf(headers, 'sec-fetch-mode', mixedCase);
  if (mode !== undefined) return mode === 'navigate' ? 'navigation' : 'script';
  const requestedWith = headerOf(headers, 'x-requested-with', mixedCase);
  if (requestedWith !== undefined && isXmlHttpRequest(requestedWith)) return 'script';
  return htmlOverJson(headerOf(headers, 'accept', mixedCase)) ? 'navigation' : 'script';
}
