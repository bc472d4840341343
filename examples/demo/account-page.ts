import { escapeHtml } from './escape-html.js';
import type { User } from './users.js';

/**
 * The account page of a signed-in user, which browsers open by navigating
 * to it (a link, the address bar) rather than through the page's script.
 *
 * @example
 * accountPage({ id: 1, username: 'alice', permissions: ['items.delete'] }); // '<!doctype html>...'
 */
export function accountPage(user: User): string {
  const username = escapeHtml(user.username);
  const permissions = user.permissions.length === 0 ? 'none' : user.permissions.map(escapeHtml).join(', ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Your account · ajax-guard demo</title>
  <link rel="stylesheet" href="/style.css">
</head>
<body>
  <header class="banner">
    <div>
      <h1>Your account</h1>
      <p>A page for browsers, guarded by <code>@loginRequired({ loginUrl: '/login' })</code>: an anonymous
        visit is redirected to the login page, and comes back here after logging in.</p>
    </div>
  </header>
  <main class="narrow">
    <section class="card" aria-labelledby="account-title">
      <h2 id="account-title">Signed in as ${username}</h2>
      <dl class="facts">
        <dt>Username</dt><dd>${username}</dd>
        <dt>Permissions</dt><dd>${permissions}</dd>
      </dl>
      <p><a href="/">Back to the demo</a></p>
    </section>
  </main>
</body>
</html>
`;
}
