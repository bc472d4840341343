import { expect } from 'chai';
import { CREDENTIALS } from './account-controller.js';
import { postJson } from './http-client.js';
import type { RunningServer } from './http-server.js';

/** Request headers that carry a signed-in user's session or token. */
export type Credentials = Readonly<Record<string, string>>;

/**
 * Logs in through the app's own passport flow (`POST /login` with the
 * credentials as JSON) and returns the session cookie it sets.
 */
export async function signInWithSession(server: RunningServer): Promise<Credentials> {
  const response = await postJson(`${server.url}/login`, CREDENTIALS);
  await response.arrayBuffer();
  expect(response.status, 'login status').to.be.within(200, 299);
  const cookies = response.headers.getSetCookie().map((line) => line.split(';', 1)[0] as string);
  expect(cookies, 'session cookies').to.not.be.empty;
  return { cookie: cookies.join('; ') };
}

/** Gets a token from the app's `POST /token` and returns it as a bearer authorization. */
export async function signInWithToken(server: RunningServer): Promise<Credentials> {
  const response = await postJson(`${server.url}/token`, CREDENTIALS);
  expect(response.status, 'token status').to.equal(200);
  const { token } = (await response.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}

// One character changed in the middle of each value: a signature no longer matches.
function tamper(value: string): string {
  const at = Math.floor(value.length / 2);
  return `${value.slice(0, at)}${value[at] === 'A' ? 'B' : 'A'}${value.slice(at + 1)}`;
}

/**
 * The same credentials with every cookie value, or the bearer token, altered
 * as an attacker would forge them.
 */
export function forge(credentials: Credentials): Credentials {
  const forged: Record<string, string> = {};
  for (const [name, value] of Object.entries(credentials)) {
    forged[name] =
      name === 'cookie'
        ? value
            .split('; ')
            .map((pair) => {
              const eq = pair.indexOf('=') + 1;
              return pair.slice(0, eq) + tamper(pair.slice(eq));
            })
            .join('; ')
        : value.replace(/ (.+)$/, (_match, token: string) => ` ${tamper(token)}`);
  }
  return forged;
}
