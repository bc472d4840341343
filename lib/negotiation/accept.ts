import { isValidRange, range, readMediaRange } from './media-range-scanner.js';
import { isWildcard, sameToken } from './tokens.js';

/**
 * The longest `Accept` header negotiation reads. Every browser's is a few
 * hundred characters at most; a longer one is no browser's, and ranking it
 * would let a hostile client buy CPU time with header bytes.
 */
const MAX_NEGOTIATED_ACCEPT = 2048;

// True when a range of `rank` and quality `q` outranks the best so far.
const outranks = (rank: number, q: number, bestRank: number, best: number): boolean =>
  rank > bestRank || (rank === bestRank && rank >= 0 && q > best);

// How specifically the range last read names `type/subtype` (two tokens):
// 2 exactly, 1 by `type/*`, 0 by `*/*`, -1 not at all. A range that matches
// is valid by that alone, but for `*/html`, which names nothing.
function specificity(accept: string, type: string, subtype: string): number {
  const { typeStart, typeEnd, subtypeStart, subtypeEnd } = range;
  if (isWildcard(accept, typeStart, typeEnd)) return isWildcard(accept, subtypeStart, subtypeEnd) ? 0 : -1;
  if (!sameToken(accept, typeStart, typeEnd, type)) return -1;
  if (isWildcard(accept, subtypeStart, subtypeEnd)) return 1;
  return sameToken(accept, subtypeStart, subtypeEnd, subtype) ? 2 : -1;
}

/**
 * How much an `Accept` header wants `mediaType` (a bare `type/subtype`), from
 * 0 to 1, ranked as RFC 9110 section 12.5.1 says: the most specific matching
 * range decides (`text/html` over `text/*` over `*\/*`), and among equally
 * specific ones the highest `q`. No header at all means `*\/*`: every type
 * gets 1. A range with parameters before its `q` (`text/html;level=1`) is
 * narrower than the bare type and does not match it. An element that does not
 * parse, or whose `q` is not a number from 0 to 1, is ignored.
 *
 * @example
 * const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*\/*;q=0.8';
 * acceptQuality(browser, 'text/html');        // 1
 * acceptQuality(browser, 'application/json'); // 0.8
 */
export function acceptQuality(accept: string | undefined, mediaType: string): number {
  if (accept === undefined) return 1;
  const lower = mediaType.toLowerCase();
  const slash = lower.indexOf('/');
  const type = slash === -1 ? lower : lower.slice(0, slash);
  const subtype = slash === -1 ? '' : lower.slice(slash + 1);
  let best = -1;
  let quality = 0;
  for (let at = 0; at < accept.length; ) {
    at = readMediaRange(accept, at);
    if (range.q < 0) continue;
    // `mediaType` may not be made of tokens: the range is checked in full.
    const rank = isValidRange(accept) ? specificity(accept, type, subtype) : -1;
    if (outranks(rank, range.q, best, quality)) {
      best = rank;
      quality = range.q;
    }
  }
  return quality;
}

// The header `htmlOverJson` ranked last, and its answer: a browser sends
// the same `Accept` on every navigation and a script on every call, so most
// requests cost one string comparison instead of a pass over the header.
let lastAccept: string | undefined;
let lastAnswer = false;

// Whether `text/html` outranks `application/json` in `accept`: one pass, nothing allocated.
function rankHtmlOverJson(accept: string): boolean {
  let htmlRank = -1;
  let html = 0;
  let jsonRank = -1;
  let json = 0;
  for (let at = 0; at < accept.length; ) {
    at = readMediaRange(accept, at);
    const { q } = range;
    if (q < 0) continue;
    const forHtml = specificity(accept, 'text', 'html');
    if (outranks(forHtml, q, htmlRank, html)) {
      htmlRank = forHtml;
      html = q;
    }
    const forJson = specificity(accept, 'application', 'json');
    if (outranks(forJson, q, jsonRank, json)) {
      jsonRank = forJson;
      json = q;
    }
  }
  return html > json;
}

/**
 * True when `accept` gives `text/html` a strictly higher quality than
 * `application/json`, both ranked as `acceptQuality` ranks them, in one pass
 * over the header and with nothing allocated. No header, or one longer than
 * `MAX_NEGOTIATED_ACCEPT`, prefers neither.
 *
 * @example
 * htmlOverJson('text/html,application/xhtml+xml,*\/*;q=0.8'); // true
 * htmlOverJson('application/json, text/plain, *\/*');         // false
 */
export function htmlOverJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.length > MAX_NEGOTIATED_ACCEPT) return false;
  if (accept !== lastAccept) {
    lastAnswer = rankHtmlOverJson(accept);
    lastAccept = accept;
  }
  return lastAnswer;
}
