import { callApi, getSession, logOut } from './api.mjs';
import { bindLoginForm } from './login-form.mjs';

const byId = (id) => document.getElementById(id);

// What each refusal means here, in words, beside the JSON that says it.
const NOTES = {
  401: 'Not signed in: the guard answered 401 JSON, and the script opened the login form.',
  403: 'Signed in, but without the items.delete permission: the guard answered 403 JSON.',
};

// The call a 401 interrupted: it runs again once the user has logged in.
let retry = null;
let signedIn = false;

function showUser(user) {
  signedIn = user !== null;
  byId('who').textContent = signedIn
    ? `Signed in as ${user.username} (${user.permissions.length > 0 ? user.permissions.join(', ') : 'no permissions'})`
    : 'Not signed in';
  byId('open-login').hidden = signedIn || !byId('login').hidden;
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
}

function openLogin(reason) {
  byId('login-reason').textContent = reason;
  byId('login').hidden = false;
  // One "Log in" button at a time: the form's.
  byId('open-login').hidden = true;
  byId('username').focus();
}

function closeLogin() {
  byId('login').hidden = true;
  byId('open-login').hidden = signedIn;
  retry = null;
}

/**
 * Calls a protected endpoint and shows what came back, passing a 200's body
 * to `onData`. A 401 asks the user to log in, then runs the same call again.
 */
async function call(method, path, onData) {
  const answer = await callApi(method, path);
  showAnswer(answer);
  if (answer.status === 200) onData(answer.body);
  if (answer.status === 401) {
    // The original snippet's point: the 401 JSON is "what you could then use to ask the user to login".
    showUser(null);
    forgetItems();
    openLogin(`${method} ${path} answered 401. Log in, and it runs again.`);
    retry = () => call(method, path, onData);
  }
}

const listItems = () => call('GET', '/api/items', (body) => showItems(body.items));

const deleteItem = (item) => call('DELETE', `/api/items/${item.id}`, (body) => showItems(body.items));

bindLoginForm(byId('login-form'), async (user) => {
  const pending = retry;
  showUser(user);
  closeLogin();
  // The call the 401 interrupted, else what a signed-in user came for: the items.
  await (pending ?? listItems)();
});

byId('open-login').addEventListener('click', () => openLogin('Log in to call the protected endpoints.'));
byId('cancel-login').addEventListener('click', closeLogin);
byId('list-items').addEventListener('click', listItems);
byId('logout').addEventListener('click', async () => {
  await logOut();
  showUser(null);
  forgetItems();
});

const { body } = await getSession();
byId('framework').textContent = body.framework;
showUser(body.user);
if (body.user !== null) await listItems();
