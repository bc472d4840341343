import {
  allowAnonymous,
  type JsonResponse,
  jsonResponse,
  loginRequired,
  loginRequiredAjax,
  permissionRequiredAjax,
} from 'ajax-guard';
import { accountPage } from './account-page.js';
import { itemsFragment } from './items-fragment.js';
import { type Item, Shelf } from './shelf.js';
import type { User } from './users.js';

/**
 * Writes a page or fragment of HTML through the framework (`res.send`,
 * `ctx.body`, `reply.send`). A guarded handler that renders its own HTML
 * calls it and returns nothing; the guard's refusal, when there is one, is
 * what it returns instead, for the adapter to write.
 */
export type RenderHtml = (html: string) => void;

/** What `GET /api/session` answers: who is signed in, and which framework serves the demo. */
export interface SessionBody {
  readonly framework: string;
  readonly user: { readonly username: string; readonly permissions: readonly string[] } | null;
}

/**
 * Every endpoint of the demo, written once and served unchanged by Express,
 * Koa and Fastify (see `servers/`). Each method takes the framework's
 * request first, which the guards read, then what the route passes on: the
 * signed-in user, a route parameter. The guards decide who gets in; a
 * method runs only for those they let through.
 *
 * @example
 * const demo = new DemoController('Express');
 * app.get('/api/items', toHandler((req) => demo.listItems(req)));
 */
export class DemoController {
  readonly #framework: string;
  readonly #shelf = new Shelf();

  /** `framework` is the name the page shows: `Express`, `Koa`, `Fastify`. */
  constructor(framework: string) {
    this.#framework = framework;
  }

  /** Who is signed in, if anyone. Public, so that the page can tell before any guarded call. */
  @allowAnonymous()
  session(_request: object, user: User | null | undefined): JsonResponse<SessionBody> {
    return jsonResponse({
      framework: this.#framework,
      user: user ? { username: user.username, permissions: user.permissions } : null,
    });
  }

  /** The items, for any signed-in user; an anonymous script gets the default 401 JSON. */
  @loginRequiredAjax()
  listItems(_request: object): JsonResponse<{ readonly items: readonly Item[] }> {
    return jsonResponse({ items: this.#shelf.list() });
  }

  /**
   * Deletes the item whose id is `id`, for a user with `items.delete`: an
   * anonymous script gets the 401 JSON, any other user the 403 JSON.
   */
  @permissionRequiredAjax('items.delete')
  deleteItem(_request: object, id: string): JsonResponse {
    const deleted = /^\d{1,9}$/.test(id) ? this.#shelf.remove(Number(id)) : undefined;
    if (deleted === undefined) {
      return jsonResponse({ status: '404', message: `No item ${id} on the shelf`, errorcode: 'ITEM_NOT_FOUND' }, { status: 404 });
    }
    return jsonResponse({ deleted, items: this.#shelf.list() });
  }

  /**
   * The items as an HTML fragment, for htmx and jQuery to swap into the page.
   * An anonymous htmx call gets a 401 whose `hx-redirect` sends the page to
   * the login page (and back after it), any other script the 401 JSON, and
   * a browser navigation the redirect.
   */
  @loginRequired({ loginUrl: '/login' })
  itemsFragment(_request: object, render: RenderHtml): JsonResponse | undefined {
    render(itemsFragment(this.#shelf.list()));
    // Written already: what comes back from this call is a refusal, or nothing.
    return undefined;
  }

  /**
   * The account page. A browser navigating here anonymously is redirected to
   * `/login?next=%2Faccount`; a script gets the 401 JSON.
   */
  @loginRequired({ loginUrl: '/login' })
  account(_request: object, user: User, render: RenderHtml): JsonResponse | undefined {
    render(accountPage(user));
    return undefined;
  }
}
