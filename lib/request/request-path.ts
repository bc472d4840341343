import { resolveDotSegments } from './dot-segments.js';
import { requestField } from './request-field.js';

// An absolute-form target (`http://host/x`) or a Fetch Request's full URL.
const ABSOLUTE = /^[a-z][a-z\d+.-]*:/i;
// encodeURIComponent throws on a lone surrogate: it becomes U+FFFD instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// A browser drops leading controls and spaces, and reads a run of slashes and
// backslashes as the start of an authority: `//evil.example`, `/\evil.example`
// and `/\t/evil.example` all name another host. One `/` names this one.
function collapseLeading(path: string): string {
  let start = 0;
  while (start < path.length && (path.charCodeAt(start) <= 0x20 || path[start] === '/' || path[start] === '\\')) start++;
  return `/${path.slice(start)}`;
}

function pathAndQuery(target: string): string {
  if (!ABSOLUTE.test(target)) {
    const hash = target.indexOf('#');
    return hash === -1 ? target : target.slice(0, hash);
  }
  try {
    const url = new URL(target);
    return url.pathname + url.search;
  } catch {
    return '/';
  }
}

// Dot-segments resolved before leading slashes collapse: `/..//evil.example`
// resolves to `//evil.example`, which then collapses like any other.
function onThisSite(target: string): string {
  const query = target.indexOf('?');
  const path = query === -1 ? target : target.slice(0, query);
  const resolved = resolveDotSegments(path);
  const safe = collapseLeading(query === -1 ? resolved : resolved + target.slice(query));
  return safe.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * The path and query of a full URL a client reported (htmx's
 * `HX-Current-URL`), made safe as `requestPath` makes a request's: never its
 * host. Undefined when it does not parse as a URL.
 *
 * @example
 * urlPath('https://evil.example//other.example/page?tab=2'); // '/other.example/page?tab=2'
 */
export function urlPath(url: string): string | undefined {
  let parsed: URL;
  try {
    // A base, so that a bare path parses too; its host is never used.
    parsed = new URL(url, 'http://localhost');
  } catch {
    return undefined;
  }
  return onThisSite(parsed.pathname + parsed.search);
}

/**
 * The request target of any framework's request, as it came: Express's
 * `req.originalUrl`, Koa's `ctx.originalUrl`, Fastify's `request.url`, a
 * Fetch Request's URL, a plain object's `originalUrl` else `url`; undefined
 * when there is none. Never safe to send back as it is: see `targetPath`.
 *
 * @example
 * requestTarget({ url: '//evil.example/x?y=1' }); // '//evil.example/x?y=1'
 */
export function requestTarget(request: unknown): string | undefined {
  const originalUrl = requestField(request, 'originalUrl');
  const target = typeof originalUrl === 'string' ? originalUrl : requestField(request, 'url');
  return typeof target === 'string' ? target : undefined;
}

/**
 * The path and query of a request target (see `requestTarget`), safe to
 * send back as a same-site `next` location: an absolute-form target gives
 * only its path and query; dot-segments are resolved, then leading slashes
 * and backslashes collapse to one `/`, so no result is read by a browser as
 * another host (`/..//evil.example` included). No target at all is `/`.
 *
 * @example
 * targetPath('/a/../b?c=1'); // '/b?c=1'
 */
export function targetPath(target: string | undefined): string {
  return target === undefined ? '/' : onThisSite(pathAndQuery(target));
}

/**
 * The path and query of any framework's request, safe to send back as a
 * same-site `next` location: `targetPath` of its `requestTarget`. Only ever
 * the request target, never a Host or X-Forwarded-* header.
 *
 * @example
 * requestPath({ url: '//evil.example/x?y=1' }); // '/evil.example/x?y=1'
 */
export function requestPath(request: unknown): string {
  return targetPath(requestTarget(request));
}
