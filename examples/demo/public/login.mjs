import { bindLoginForm } from './login-form.mjs';

/**
 * `next` when it is a page of this site, else `/`. Anyone can write a link
 * to `/login?next=https://evil.example`: following it would send a user who
 * just signed in to another site (an open redirect), so only same-origin
 * paths are kept, as Django's `url_has_allowed_host_and_scheme` does.
 */
function localPath(next) {
  if (next === null || !next.startsWith('/')) return '/';
  const url = new URL(next, window.location.origin);
  return url.origin === window.location.origin ? url.pathname + url.search + url.hash : '/';
}

const next = localPath(new URLSearchParams(window.location.search).get('next'));
document.getElementById('next-path').textContent = next;
bindLoginForm(document.getElementById('login-form'), () => window.location.assign(next));
