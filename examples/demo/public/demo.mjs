import { createFetch } from 'ajax-guard/client';
import { callApi, getSession, logOut, readAnswer } from './api.mjs';
import { loginDialog } from './login-dialog.mjs';
import { loadWithHtmx, loadWithJquery, watchHtmx } from './other-clients.mjs';

const byId = (id) => document.getElementById(id);

// What each refusal means here, in words, beside the JSON that says it.
const NOTES = {
  401: 'Not signed in: the guard answered 401 JSON, and createFetch asked the user to log in.',
  403: 'Signed in, but without the items.delete permission: the guard answered 403 JSON, and createFetch called forbidden, which says so above the items.',
};

// The call in flight, for the status line of a 401 shown while the user logs in.
let current = { method: '', path: '' };
let signedIn = false;

function showUser(user) {
  signedIn = user !== null;
  byId('who').textContent = signedIn
    ? `Signed in as ${user.username} (${user.permissions.length > 0 ? user.permissions.join(', ') : 'no permissions'})`
    : 'Not signed in';
  byId('open-login').hidden = signedIn;
  byId('logout').hidden = !signedIn;
}

function showAnswer(answer) {
  const line = byId('response-line');
  line.textContent = `${answer.method} ${answer.path} → ${answer.status} ${answer.statusText}`;
  line.dataset.status = String(answer.status);
  byId('response-note').textContent = NOTES[answer.status] ?? '';
  byId('response-body').textContent = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body, null, 2);
}

function showItems(items) {
  const list = byId('items');
  list.replaceChildren(
    ...items.map((item) => {
      const entry = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = item.name;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'secondary';
      remove.textContent = 'Delete';
      remove.setAttribute('aria-label', `Delete ${item.name}`);
      remove.addEventListener('click', () => deleteItem(item));
      entry.append(name, remove);
      return entry;
    }),
  );
  byId('items-note').textContent = `${items.length} items, from GET /api/items.`;
}

function forgetItems() {
  byId('items').replaceChildren();
  byId('items-note').textContent = 'Press “List items” to load them.';
  byId('htmx-items').replaceChildren();
  byId('jquery-items').replaceChildren();
}

const askToLogIn = loginDialog((user) => showUser(user));

// The original snippet's point: the 401 JSON is "what you could then use to ask the user to login".
const guardedFetch = createFetch({
  login: async (response) => {
    const { method, path } = current;
    showAnswer(await readAnswer(method, path, response));
    showUser(null);
    forgetItems();
    return askToLogIn(`${method} ${path} answered 401. Log in, and it runs again.`);
  },
  forbidden: () => {
    byId('items-note').textContent = 'Not allowed: deleting needs the items.delete permission.';
  },
});

/** Calls a protected endpoint through `guardedFetch` and shows the answer, passing a 200's body to `onData`. */
async function call(method, path, onData) {
  current = { method, path };
  const answer = await callApi(method, path, undefined, guardedFetch);
  showAnswer(answer);
  if (answer.status === 200) onData(answer.body);
}

const listItems = () => call('GET', '/api/items', (body) => showItems(body.items));

const deleteItem = (item) => call('DELETE', `/api/items/${item.id}`, (body) => showItems(body.items));

byId('open-login').addEventListener('click', async () => {
  if (await askToLogIn('Log in to call the protected endpoints.')) await listItems();
});
byId('list-items').addEventListener('click', listItems);
byId('jquery-load').addEventListener('click', () => loadWithJquery(askToLogIn));
byId('logout').addEventListener('click', async () => {
  await logOut();
  showUser(null);
  forgetItems();
});
watchHtmx();

const { body } = await getSession();
byId('framework').textContent = body.framework;
showUser(body.user);
// Signed in already (back from the login page, say): every panel loads, htmx's too.
if (body.user !== null) await Promise.all([listItems(), loadWithHtmx()]);
