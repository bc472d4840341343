import { jsonResponse, loginRequiredAjax, permissionRequiredAjax, problemDetails } from 'ajax-guard';
import { toHandler } from 'ajax-guard/fetch';

/** What the server saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly contentType: string | null;
  readonly body: string;
}

/** Who the fake server takes the caller for. */
export interface FakeUser {
  readonly permissions: readonly string[];
}

/**
 * A `fetch` answered in memory by real guards through the Fetch adapter:
 * `GET /items` (`loginRequiredAjax`), `POST /items` (the same, answering with
 * what it received), `DELETE /items/1` (`permissionRequiredAjax('items.delete')`),
 * `GET /problem` (`loginRequiredAjax` rendering RFC 9457). It records every
 * request, so that a test counts what the server saw.
 *
 * @example
 * const server = new FakeServer();
 * const api = createFetch({ login: async () => { server.user = { permissions: [] }; return true; }, fetch: server.fetch });
 */
export class FakeServer {
  readonly seen: SeenRequest[] = [];
  user: FakeUser | undefined;

  readonly #guard = { isAuthenticated: () => this.user !== undefined };
  readonly #routes: Readonly<Record<string, (request: Request) => Promise<Response>>> = {
    'GET /items': toHandler(loginRequiredAjax(this.#guard)(() => jsonResponse({ items: ['a', 'b'] }))),
    'POST /items': toHandler(loginRequiredAjax(this.#guard)(async (request: Request) => ({ received: await request.text() }))),
    'DELETE /items/1': toHandler(
      permissionRequiredAjax('items.delete', { ...this.#guard, hasPermission: (_user, perm) => this.#holds(perm) })(() =>
        jsonResponse({ deleted: 1 }),
      ),
    ),
    'GET /problem': toHandler(loginRequiredAjax({ ...this.#guard, render: problemDetails })(() => jsonResponse({ ok: true }))),
  };

  /** Answers as the server would; a route it does not know gets a 404. */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const copy = request.clone();
    this.seen.push({
      method: request.method,
      url: request.url,
      contentType: request.headers.get('content-type'),
      body: await copy.text(),
    });
    const route = this.#routes[`${request.method} ${new URL(request.url).pathname}`];
    return route === undefined ? new Response('Not Found', { status: 404 }) : route(request);
  };

  #holds(perm: string): boolean {
    return this.user?.permissions.includes(perm) === true;
  }
}

/** A URL on the fake server. */
export const at = (path: string): string => `http://app.test${path}`;
