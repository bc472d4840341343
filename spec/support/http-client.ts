/** What a test reads of a response: the status, the headers and the body as text. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

// Every request is bounded: a server that never answers fails the test, it does not hang it.
const TIMEOUT_MS = 5000;

/**
 * Sends one real HTTP request with Node's fetch and reads the whole answer.
 *
 * @example
 * const { status, body } = await call(`${server.url}/me`, { headers: { cookie } });
 */
export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { redirect: 'manual', ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** POSTs `payload` as JSON. */
export function postJson(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
}

/** The status of a GET of each path on `base`, one request after another. */
export async function statusesOf(base: string, paths: readonly string[]): Promise<number[]> {
  const statuses = [];
  for (const path of paths) statuses.push((await call(`${base}${path}`)).status);
  return statuses;
}
