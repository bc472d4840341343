/**
 * The browser side of ajax-guard: a `fetch` that, when a guard answers 401,
 * asks the user to log in and sends the request once more. It runs in the
 * page as it is (no dependencies, no Node built-ins, no imports), so that a
 * `<script type="module">` can load it straight from the package.
 */

/** The `errorcode` values the client acts on; each defaults to the server's default. */
export interface ClientErrorCodes {
  /** [authentication="AUTHENTICATION_REQUIRED"] The errorcode of a 401 that `login` can cure. */
  readonly authentication?: string;
  /** [permission="PERMISSION_DENIED"] The errorcode of a 403 that `forbidden` hears of. */
  readonly permission?: string;
}

/** What `createFetch` needs. */
export interface CreateFetchOptions {
  /**
   * Asks the user to log in after a guard's 401 (a copy, its body unread),
   * and resolves exactly `true` once they have: the request is then sent once
   * more. Calls that are refused while a login is pending wait for that login.
   */
  readonly login: (response: Response) => boolean | PromiseLike<boolean>;
  /** Hears of a guard's 403 (a copy: signed in, but not allowed), which is then returned. */
  readonly forbidden?: (response: Response) => unknown;
  /** [fetch=globalThis.fetch] The `fetch` that sends the requests. */
  readonly fetch?: typeof fetch;
  /** The errorcodes of the server's `errorCodes` setting, when the app changed them. */
  readonly errorcodes?: ClientErrorCodes;
}

const JSON_TYPE = /^application\/(?:problem\+)?json\s*(?:;|$)/i;

function assertFunction(value: unknown, name: string): void {
  if (typeof value !== 'function') throw new TypeError(`createFetch: \`${name}\` must be a function, got ${typeof value}`);
}

function readCode(codes: ClientErrorCodes | undefined, name: keyof ClientErrorCodes, fallback: string): string {
  const code = codes == null || !Object.hasOwn(codes, name) ? fallback : codes[name];
  if (typeof code !== 'string' || code === '') {
    throw new TypeError(`createFetch: \`errorcodes.${name}\` must be a non-empty string`);
  }
  return code;
}

/**
 * The `errorcode` of a guard's 401 or 403 (the library's default body and RFC
 * 9457 problems both carry one), read from a copy so that the caller can
 * still read the body; `undefined` for any other answer.
 */
async function refusalCode(response: Response): Promise<unknown> {
  const { status, headers } = response;
  // No content type at all reads as "null", which is no JSON type.
  if ((status !== 401 && status !== 403) || !JSON_TYPE.test(String(headers.get('content-type')))) return undefined;
  try {
    const body: unknown = await response.clone().json();
    return typeof body === 'object' && body !== null && Object.hasOwn(body, 'errorcode')
      ? (body as { errorcode: unknown }).errorcode
      : undefined;
  } catch {
    // Not JSON after all: not a guard's answer.
    return undefined;
  }
}

/**
 * Returns a function with `fetch`'s signature for the page's calls to
 * guarded endpoints. A 401 whose body has the authentication errorcode
 * awaits `login(response)`; when that resolves `true`, the same request is
 * sent once more and its answer returned, else the 401 is. A 403 with the
 * permission errorcode (the first answer or the retry's) calls `forbidden`,
 * if given, and is returned. Every other answer is returned untouched. A
 * request body, even a stream, is kept for the retry.
 *
 * @example
 * import { createFetch } from 'ajax-guard/client';
 * const api = createFetch({ login: () => openLoginDialog() }); // resolves true once signed in
 * const items = await (await api('/api/items')).json();
 */
export function createFetch(options: CreateFetchOptions): typeof fetch {
  if (typeof options !== 'object' || options === null) throw new TypeError('createFetch: options must be an object');
  const { login, forbidden, fetch: send = (input, init) => globalThis.fetch(input, init) } = options;
  assertFunction(login, 'login');
  if (forbidden !== undefined) assertFunction(forbidden, 'forbidden');
  assertFunction(send, 'fetch');
  const authentication = readCode(options.errorcodes, 'authentication', 'AUTHENTICATION_REQUIRED');
  const permission = readCode(options.errorcodes, 'permission', 'PERMISSION_DENIED');
  // One login at a time: a burst of refused calls opens one dialog, and all
  // retry after it, those whose refusal comes in after it ended too.
  let pendingLogin: Promise<boolean> | undefined;
  let loginsDone = 0;

  // `sentAfter`: the logins done when the refused request was sent.
  const logIn = (response: Response, sentAfter: number): Promise<boolean> => {
    // Signed in since the request went out: it was refused for the time before.
    if (loginsDone > sentAfter) return Promise.resolve(true);
    pendingLogin ??= Promise.resolve(login(response))
      .then((signedIn) => {
        if (signedIn === true) loginsDone++;
        return signedIn;
      })
      .finally(() => {
        pendingLogin = undefined;
      });
    return pendingLogin;
  };

  return async (input, init) => {
    const request = new Request(input, init);
    // Made before the first send, which consumes a body that is a stream.
    const spare = request.clone();
    const sentAfter = loginsDone;
    let response = await send(request);
    let code = await refusalCode(response);
    if (response.status === 401 && code === authentication) {
      // login and forbidden get copies: the body of the answer returned stays unread.
      if ((await logIn(response.clone(), sentAfter)) !== true) return response;
      response = await send(spare);
      code = await refusalCode(response);
    }
    // Also after a login: the user who signed in may lack the permission.
    if (response.status === 403 && code === permission && forbidden !== undefined) await forbidden(response.clone());
    return response;
  };
}
