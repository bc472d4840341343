import { bindLoginForm } from './login-form.mjs';

const byId = (id) => document.getElementById(id);

let pending = null;
let settle = () => undefined;

/**
 * The page's login form, as every client's `login` step: `askToLogIn(reason)`
 * opens it and resolves `true` once the user has signed in, `false` if they
 * cancel. Asked again while it is open, it shares the same answer: one form
 * for every call that was refused.
 *
 * @param {(user: object) => void} onSignedIn runs before the callers hear `true`.
 */
export function loginDialog(onSignedIn) {
  const close = (signedIn) => {
    byId('login').hidden = true;
    // One "Log in" button at a time: the form's, while it is open.
    byId('open-login').hidden = signedIn;
    pending = null;
    settle(signedIn);
  };
  bindLoginForm(byId('login-form'), async (user) => {
    onSignedIn(user);
    close(true);
  });
  byId('cancel-login').addEventListener('click', () => close(false));

  return function askToLogIn(reason) {
    byId('login-reason').textContent = reason;
    byId('login').hidden = false;
    byId('open-login').hidden = true;
    byId('username').focus();
    pending ??= new Promise((resolve) => {
      settle = resolve;
    });
    return pending;
  };
}
