/* global $, htmx */

// The server's default errorcode for "log in first".
const AUTHENTICATION_REQUIRED = 'AUTHENTICATION_REQUIRED';

const byId = (id) => document.getElementById(id);

function showStatus(id, method, path, status, statusText) {
  const line = byId(id);
  line.textContent = `${method} ${path} → ${status} ${statusText}`;
  line.dataset.status = String(status);
}

// The errorcode of a jQuery failure whose body is the guard's JSON.
function errorcodeOf(xhr) {
  try {
    return JSON.parse(xhr.responseText).errorcode;
  } catch {
    return undefined;
  }
}

/**
 * jQuery's `$.ajax` for the items fragment (`@loginRequired`): jQuery says
 * `X-Requested-With: XMLHttpRequest`, so a refusal is the 401 JSON, never the
 * login page. On that 401 it asks the user to log in, then tries once more.
 */
export function loadWithJquery(askToLogIn, retried = false) {
  const path = '/fragments/items';
  $.ajax({ url: path, dataType: 'html' })
    .done((html, _status, xhr) => {
      showStatus('jquery-status', 'GET', path, xhr.status, xhr.statusText);
      $('#jquery-items').html(html);
    })
    .fail(async (xhr) => {
      showStatus('jquery-status', 'GET', path, xhr.status, xhr.statusText);
      $('#jquery-items').empty();
      if (retried || xhr.status !== 401 || errorcodeOf(xhr) !== AUTHENTICATION_REQUIRED) return;
      if (await askToLogIn(`jQuery: GET ${path} answered 401. Log in, and it runs again.`)) loadWithJquery(askToLogIn, true);
    });
}

/**
 * Shows what each htmx request answered. An anonymous htmx request gets a
 * 401 with `HX-Redirect`: htmx then opens the login page, which comes back
 * here after sign-in.
 */
export function watchHtmx() {
  document.body.addEventListener('htmx:after:request', (event) => {
    const { ctx } = event.detail;
    showStatus(
      'htmx-status',
      ctx.request.method,
      new URL(ctx.request.action, location.href).pathname,
      ctx.response.status,
      ctx.response.raw.statusText,
    );
  });
}

/** Loads the htmx panel as its button does: what the page does for a user signed in already. */
export const loadWithHtmx = () => htmx.ajax('GET', '/fragments/items', '#htmx-items');
