import { callerKind } from './caller-kind.js';

/**
 * True when the caller is a browser navigation that prefers an HTML page.
 * `Sec-Fetch-Mode`, which every current browser sends and no script can set,
 * decides first where present: `navigate` is a navigation, `cors`,
 * `same-origin` or `no-cors` (fetch, XHR) is not. An htmx request
 * (`HX-Request: true`) never is. Otherwise: no `X-Requested-With:
 * XMLHttpRequest`, and an `Accept` header that ranks `text/html` strictly
 * above `application/json`. A browser's `text/html,...,*\/*;q=0.8` does;
 * `*\/*`, no `Accept` at all, and a tie do not, so an API client gets JSON
 * unless it clearly asks for HTML.
 *
 * @example
 * prefersHtml({ headers: { 'sec-fetch-mode': 'navigate' } });                      // true
 * prefersHtml({ headers: { accept: 'text/html', 'sec-fetch-mode': 'cors' } });     // false
 * prefersHtml({ headers: { accept: 'text/html,application/xhtml+xml,*\/*;q=0.8' } }); // true
 * prefersHtml({ headers: { accept: 'application/json' } });                        // false
 */
export function prefersHtml(request: unknown): boolean {
  return callerKind(request) === 'navigation';
}
