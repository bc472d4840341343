/**
 * The page's calls to the demo server, as any AJAX code makes them.
 * @typedef {{ method: string, path: string, status: number, statusText: string, body: unknown }} Answer
 */

// Both headers say "a script is calling": an endpoint guarded by
// loginRequired then answers 401 JSON, never a redirect to the login page.
const AJAX_HEADERS = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };

/**
 * What `response` to `method path` says: JSON as data, anything else as text.
 * @returns {Promise<Answer>}
 */
export async function readAnswer(method, path, response) {
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json') && text !== '';
  return { method, path, status: response.status, statusText: response.statusText, body: isJson ? JSON.parse(text) : text };
}

/**
 * Calls `method path` through `send` (a `fetch`: the page's own, or one made
 * by `createFetch`), with `payload` as a JSON body, if any, and reads the answer.
 * @returns {Promise<Answer>}
 */
export async function callApi(method, path, payload, send = fetch) {
  const init = { method, headers: { ...AJAX_HEADERS }, credentials: 'same-origin' };
  if (payload !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(payload);
  }
  return readAnswer(method, path, await send(path, init));
}

/** Who is signed in, and which framework serves the demo. */
export const getSession = () => callApi('GET', '/api/session');

/** Signs in through passport's local strategy: 200 with the session, or 401. */
export const logIn = (username, password) => callApi('POST', '/api/login', { username, password });

/** Ends the session. */
export const logOut = () => callApi('POST', '/api/logout');
