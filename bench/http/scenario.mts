/** What every server variant serves, to whom, and what its hand-written check answers. */

/** The one route of every variant. */
export const ROUTE = '/items';

/** The header a signed-in caller sends, and its value. */
export const TOKEN_HEADER = 'authorization';
export const TOKEN = 'Bearer bench-token';

/** The user the identity hook attaches to a request that carries the token. */
export const USER = { id: 7, name: 'alice' };

/** The small JSON object the route answers with. */
export const ITEMS = {
  items: [
    { id: 1, name: 'pen' },
    { id: 2, name: 'ink' },
  ],
  total: 2,
};

/** The headers ajax-guard sends with its 401 (content type aside, which every framework sets for JSON). */
export const REFUSAL_HEADERS = { 'cache-control': 'no-store', 'www-authenticate': 'Session' };

/**
 * The seed's 401 body, built per request as hand-written code does: the
 * timestamp is Unix seconds as a string.
 */
export function seedRefusal() {
  return {
    status: '401',
    message: 'Unknown authentication scheme',
    timestamp: String(Math.floor(Date.now() / 1000)),
    errorcode: 'AUTHENTICATION_REQUIRED',
  };
}
