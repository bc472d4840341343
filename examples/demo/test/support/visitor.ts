/** What a test reads of an answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body as JSON. */
  json(): any;
}

/** What a request sends besides its method and path. */
export interface Visit {
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as a JSON body. */
  readonly json?: unknown;
}

// Every request is bounded: a server that never answers fails the test, it does not hang it.
const TIMEOUT_MS = 5_000;

// What a server sets to delete a cookie.
const EXPIRED = /;\s*expires=Thu, 01 Jan 1970/i;

/**
 * One visitor of a demo server, keeping its cookies from one request to the
 * next as a browser does (by name, without paths or domains: the demo sets
 * only its session cookie). Redirects are not followed, so that a test sees them.
 *
 * @example
 * const bob = new Visitor(server.url);
 * await bob.request('POST', '/api/login', { json: { username: 'bob', password: 'bob' } });
 */
export class Visitor {
  readonly #cookies = new Map<string, string>();

  constructor(readonly url: string) {}

  async request(method: string, path: string, { headers = {}, json }: Visit = {}): Promise<Answer> {
    const sent: Record<string, string> = { ...headers };
    if (this.#cookies.size > 0) sent.cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (json !== undefined) sent['content-type'] = 'application/json';
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: sent,
      body: json === undefined ? undefined : JSON.stringify(json),
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    for (const line of response.headers.getSetCookie()) this.#keep(line);
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
  }

  /** A call as the page's script makes it. */
  ajax(method: string, path: string, json?: unknown): Promise<Answer> {
    return this.request(method, path, { headers: { accept: 'application/json', 'x-requested-with': 'XMLHttpRequest' }, json });
  }

  /** Signs in through the demo's `POST /api/login`. */
  logIn(username: string, password: string): Promise<Answer> {
    return this.ajax('POST', '/api/login', { username, password });
  }

  #keep(setCookie: string): void {
    const pair = setCookie.split(';', 1)[0] as string;
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    if (EXPIRED.test(setCookie)) this.#cookies.delete(name);
    else this.#cookies.set(name, pair.slice(eq + 1));
  }
}
