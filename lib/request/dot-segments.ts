// Only a path with one of these can hold a dot-segment a browser resolves:
// `.`, `%2e`, and the tab or newline a browser deletes before parsing.
const MAY_HOLD_DOTS = /[.%\t\n\r]/;
const TAB_OR_NEWLINE = /[\t\n\r]/g;
// A browser reads both as a separator in an http(s) path.
const SEPARATOR = /[/\\]/;
const DOT = /^(?:\.|%2e)$/i;
const DOUBLE_DOT = /^(?:\.|%2e){2}$/i;

/**
 * `path` (no query) with its `.` and `..` segments resolved as a browser
 * resolves them (RFC 3986 section 5.2.4, with WHATWG's `%2e` and
 * backslashes), so that what is left reads the same to every later parser:
 * `/..//evil.example` is `//evil.example`, which the caller then collapses.
 * Leading controls and spaces, which a browser skips, are dropped first.
 *
 * @example
 * resolveDotSegments('/a/./b/../c'); // '/a/c'
 */
export function resolveDotSegments(path: string): string {
  if (!MAY_HOLD_DOTS.test(path)) return path;
  let start = 0;
  const clean = path.replace(TAB_OR_NEWLINE, '');
  while (start < clean.length && clean.charCodeAt(start) <= 0x20) start++;
  // Read from the root, as the caller will make it: `../x` is `/../x`.
  const rooted = clean.slice(start);
  const segments = (SEPARATOR.test(rooted[0] ?? '') ? rooted : `/${rooted}`).split(SEPARATOR);
  const resolved: string[] = [''];
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i] as string;
    const last = i === segments.length - 1;
    if (DOUBLE_DOT.test(segment)) {
      if (resolved.length > 1) resolved.pop();
      if (last) resolved.push('');
    } else if (DOT.test(segment)) {
      if (last) resolved.push('');
    } else resolved.push(segment);
  }
  return resolved.join('/');
}
