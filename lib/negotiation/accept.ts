// RFC 9110 tokens, so `text/html` and `*/*` parse and `<script>` does not.
const MEDIA_RANGE = /^([!#$%&'*+.^_`|~0-9a-z-]+)\/([!#$%&'*+.^_`|~0-9a-z-]+)$/i;
// A qvalue from 0 to 1, read leniently as `0.5`, `.5` or `1.000`.
const QVALUE = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
// Elements split on commas, parameters on semicolons, but never inside a
// quoted string: `text/html;foo="a,b;c"` is one element with one parameter.
const ELEMENTS = /(?:[^,"]|"(?:[^"\\]|\\.)*"?)+/g;
const PARAMETERS = /(?:[^;"]|"(?:[^"\\]|\\.)*"?)+/g;

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

// One element of the header, or undefined when it does not parse, has a bad
// `q`, or has parameters before its `q`, which narrow it to representations
// with those parameters: never the bare types asked about here.
function parseMediaRange(element: string): MediaRange | undefined {
  const [range = '', ...parameters] = element.match(PARAMETERS) ?? [];
  const match = MEDIA_RANGE.exec(range.trim());
  if (match === null) return undefined;
  const type = (match[1] as string).toLowerCase();
  const subtype = (match[2] as string).toLowerCase();
  if (type === '*' && subtype !== '*') return undefined;
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=', 2).map((part) => part.trim());
    if (name.toLowerCase() === 'q') {
      const q = QVALUE.test(value) ? Number(value) : Number.NaN;
      return q <= 1 ? { type, subtype, q } : undefined;
    }
    if (name !== '') return undefined;
  }
  return { type, subtype, q: 1 };
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
  const [type, subtype] = mediaType.toLowerCase().split('/');
  let specificity = -1;
  let quality = 0;
  for (const element of accept.match(ELEMENTS) ?? []) {
    const range = parseMediaRange(element);
    if (range === undefined) continue;
    if ((range.type !== '*' && range.type !== type) || (range.subtype !== '*' && range.subtype !== subtype)) continue;
    const rank = (range.type === '*' ? 0 : 1) + (range.subtype === '*' ? 0 : 1);
    if (rank > specificity || (rank === specificity && range.q > quality)) {
      specificity = rank;
      quality = range.q;
    }
  }
  return quality;
}
