import type { Framework } from './servers/frameworks.js';

/**
 * What `npm start` prints once the demo listens: where to open it, and the
 * steps that show each guard at work, so a first run needs no other page.
 *
 * @example
 * console.log(startUpMessage('express', 'http://127.0.0.1:3000'));
 */
export function startUpMessage(framework: Framework, url: string): string {
  return `ajax-guard demo on ${framework}: ${url}

Open ${url} in a browser, then try:
  1. List items, signed out: GET /api/items answers the guard's 401 JSON; createFetch in the page opens the login form.
  2. Log in as alice / alice: the page sends the same call again and shows the items.
  3. Delete an item: alice has the items.delete permission, so it goes.
  4. Log out, log in as bob / bob, delete an item: bob gets the 403 JSON (PERMISSION_DENIED).
  5. Signed out, press Load with htmx (a 401 with HX-Redirect to the login page) or Load with jQuery (a 401 JSON).
  6. Signed out, open ${url}/account: a browser is redirected to /login?next=%2Faccount,
     while curl ${url}/account gets the 401 JSON.
Ctrl+C stops it. Other frameworks: npm start -- --framework koa|fastify.`;
}
