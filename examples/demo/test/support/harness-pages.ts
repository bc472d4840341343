const page = (head: string, body: string): string =>
  `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>client harness</title>\n${head}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;

// Two htmx buttons, one per guard, swapping into one target.
const HTMX_BODY = `<h1>htmx harness</h1>
<button id="fragment" hx-get="/fragment" hx-target="#target">loginRequired</button>
<button id="ajax" hx-get="/ajax" hx-target="#target">loginRequiredAjax</button>
<div id="target"></div>`;

const PAGES: Readonly<Record<string, string>> = {
  htmx4: page('<script src="/vendor/htmx.js"></script>', HTMX_BODY),
  htmx2: page('<script src="/vendor/htmx2.js"></script>', HTMX_BODY),
  // ajax-guard/client from the file its `import` condition names, through an import map, with no bundler.
  scripts: page(
    `<script type="importmap">{ "imports": { "ajax-guard/client": "/vendor/ajax-guard/client.js" } }</script>
<script src="/vendor/jquery.js"></script>
<script src="/vendor/axios.js"></script>
<script src="/harness/call-with.js"></script>
<script type="module">
import { createFetch } from 'ajax-guard/client';
window.createFetch = createFetch;
</script>`,
    '<h1>scripts harness</h1>',
  ),
};

/**
 * The harness page called `name` (`htmx4`, `htmx2`, `scripts`), or a page that says there is none.
 *
 * @example
 * app.get('/page/:name', (req, res) => void res.type('html').send(harnessPage(req.params.name)));
 */
export const harnessPage = (name: string): string =>
  Object.hasOwn(PAGES, name) ? (PAGES[name] as string) : page('', '<h1>No such harness</h1>');

/** A login page whose form posts to its own URL, `next` included: the app signs in and goes there. */
export const LOGIN_PAGE = page('', '<h1>Log in</h1>\n<form method="post"><button type="submit">Log in</button></form>');

/**
 * `callWith(client, path)` for the scripts harness: one GET as each client
 * makes it, resolving `{ status, text, type }` whatever the status.
 */
export const CALL_WITH = `window.callWith = async (client, path) => {
  const read = async (response) => ({ status: response.status, text: await response.text(), type: response.headers.get('content-type') });
  const axiosRead = (response) => ({ status: response.status, text: response.data, type: response.headers['content-type'] });
  const axiosInit = (accept) => ({ validateStatus: () => true, responseType: 'text', transformResponse: (data) => data, headers: accept ? { Accept: accept } : {} });
  const jquery = (settings) => new Promise((resolve) => {
    const xhr = $.ajax({ url: path, ...settings });
    xhr.always(() => resolve({ status: xhr.status, text: xhr.responseText, type: xhr.getResponseHeader('content-type') }));
  });
  switch (client) {
    case 'fetch': return read(await fetch(path));
    case 'fetch, Accept: text/html': return read(await fetch(path, { headers: { Accept: 'text/html' } }));
    case 'axios': return axiosRead(await axios.get(path, axiosInit()));
    case 'axios, Accept: text/html': return axiosRead(await axios.get(path, axiosInit('text/html')));
    case 'jQuery': return jquery({ dataType: 'json' });
    case "jQuery, dataType: 'html'": return jquery({ dataType: 'html' });
    case "jQuery, crossDomain, dataType: 'html'": return jquery({ dataType: 'html', crossDomain: true });
    default: throw new Error('no client ' + client);
  }
};
`;

/** The clients `callWith` knows. */
export const SCRIPT_CLIENTS = [
  'fetch',
  'fetch, Accept: text/html',
  'axios',
  'axios, Accept: text/html',
  'jQuery',
  "jQuery, dataType: 'html'",
  "jQuery, crossDomain, dataType: 'html'",
] as const;
