import { logIn } from './api.mjs';

/**
 * Makes `form` (with `username` and `password` fields and a `role="alert"`
 * paragraph) sign in on submit, then call `onSignedIn(user)`. A refusal is
 * shown in the alert and the form stays open.
 */
export function bindLoginForm(form, onSignedIn) {
  const alert = form.querySelector('[role="alert"]');
  const submit = form.querySelector('[type="submit"]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    alert.textContent = '';
    submit.disabled = true;
    try {
      const answer = await logIn(fields.get('username'), fields.get('password'));
      if (answer.status === 200) {
        form.reset();
        await onSignedIn(answer.body.user);
      } else {
        alert.textContent =
          answer.status === 401 ? 'Wrong username or password.' : `Login failed: ${answer.status} ${answer.statusText}`;
      }
    } catch {
      alert.textContent = 'The demo server cannot be reached: is it still running?';
    } finally {
      submit.disabled = false;
    }
  });
}
