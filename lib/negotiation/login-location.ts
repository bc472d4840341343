/** Builds the login URL for one `next` path: `prefix + encodeURIComponent(next) + suffix`. */
export interface LoginLocation {
  readonly prefix: string;
  readonly suffix: string;
}

// A query parameter's name as a form decoder reads it (`+` is a space).
function decodedName(pair: string): string {
  const equals = pair.indexOf('=');
  const raw = (equals === -1 ? pair : pair.slice(0, equals)).replaceAll('+', ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Splits `loginUrl` around the `field` parameter it sends back, once, when a
 * guard is made, so that each redirect only encodes its `next` and joins
 * three strings. A `field` parameter `loginUrl` already has is replaced where
 * it stands (any repeat of it dropped), as Django's `redirect_to_login` does;
 * otherwise it is added at the end of the query, before any fragment.
 *
 * @example
 * const { prefix, suffix } = loginLocation('/login?next=/old&app=1#form', 'next');
 * // prefix '/login?next=', suffix '&app=1#form'
 */
export function loginLocation(loginUrl: string, field: string): LoginLocation {
  const hash = loginUrl.indexOf('#');
  const beforeHash = hash === -1 ? loginUrl : loginUrl.slice(0, hash);
  const fragment = hash === -1 ? '' : loginUrl.slice(hash);
  const mark = beforeHash.indexOf('?');
  const base = mark === -1 ? beforeHash : beforeHash.slice(0, mark);
  const pairs = mark === -1 ? [] : beforeHash.slice(mark + 1).split('&');
  const before: string[] = [];
  const after: string[] = [];
  let found = false;
  for (const pair of pairs) {
    if (pair === '') continue;
    if (decodedName(pair) === field) found = true;
    else (found ? after : before).push(pair);
  }
  const head = before.length === 0 ? '' : `${before.join('&')}&`;
  const tail = after.length === 0 ? '' : `&${after.join('&')}`;
  return { prefix: `${base}?${head}${encodeURIComponent(field)}=`, suffix: `${tail}${fragment}` };
}

/** The login URL that sends the user back to `next` (a path and query on this site). */
export const loginUrlFor = ({ prefix, suffix }: LoginLocation, next: string): string =>
  prefix + encodeURIComponent(next) + suffix;
