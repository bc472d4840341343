import { type JsonResponse, jsonResponse, loginRequired } from 'ajax-guard';
import { serializeResponse } from 'ajax-guard/adapter';
import { expect } from 'chai';
import { type Answer, call } from '../support/http-client.js';
import type { RunningServer } from '../support/http-server.js';
import { rawRequest } from '../support/raw-request.js';

/** Where one runtime serves the app of spec/runtimes/apps/fetch/app.ts, once it runs. */
export interface ServedApp {
  /** `http://127.0.0.1:<port>` and the path the app's routes sit under (`''`, `/edge`...). */
  readonly url: string;
  readonly prefix: string;
}

/** What a runtime adds to the app's answers, and so what the assertions tolerate. */
export interface RuntimeTraits {
  /** The runtime writes the app's `content-length` (Next.js streams, chunked). */
  readonly contentLength: boolean;
  /** The runtime merges its own `vary` entries into the app's (Next.js does). */
  readonly mergesVary: boolean;
}

const NAVIGATION = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'sec-fetch-mode': 'navigate' };

// The default error body with the timestamp the server wrote, once that
// timestamp is shown to be this request's second: the rest must match byte for byte.
async function expectErrorBody(answer: () => Promise<Answer>, status: number, message: string, errorcode: string) {
  const before = Math.floor(Date.now() / 1000);
  const { status: got, headers, body } = await answer();
  const after = Math.floor(Date.now() / 1000);
  expect(got, body).to.equal(status);
  const timestamp = Number(/"timestamp":"(\d+)"/.exec(body)?.[1]);
  expect(timestamp).to.be.within(before, after);
  expect(body).to.equal(`{"status":"${status}","message":"${message}","timestamp":"${timestamp}","errorcode":"${errorcode}"}`);
  expect(headers.get('content-type')).to.equal('application/json; charset=utf-8');
  expect(headers.get('cache-control')).to.equal('no-store');
  return { headers, body };
}

function expectVary(vary: string | undefined, expected: string, traits: RuntimeTraits): void {
  if (!traits.mergesVary) return void expect(vary).to.equal(expected);
  const sent = (vary ?? '').split(',').map((name) => name.trim());
  expect(sent).to.include.members(expected.split(', '));
}

/**
 * The app's behaviour over HTTP, the same on every runtime: the default 401
 * and 403 byte for byte, alice's 200s, the 302 of a browser navigation, the view.
 *
 * @example
 * itServesTheApp(() => ({ url: bun.url, prefix: '' }), { contentLength: true, mergesVary: false });
 */
export function itServesTheApp(served: () => ServedApp, traits: RuntimeTraits): void {
  const get = (route: string, headers: Record<string, string> = {}) => {
    const { url, prefix } = served();
    return call(`${url}${prefix}/${route}`, { headers });
  };

  it('answers an anonymous call with the default 401, byte for byte', async () => {
    const { headers, body } = await expectErrorBody(
      () => get('me'),
      401,
      'Unknown authentication scheme',
      'AUTHENTICATION_REQUIRED',
    );
    expect(headers.get('www-authenticate')).to.equal('Session');
    if (traits.contentLength) expect(headers.get('content-length')).to.equal(String(Buffer.byteLength(body)));
  });

  it('answers 403 to a signed-in user without the permission', async () => {
    await expectErrorBody(() => get('reports', { cookie: 'user=bob' }), 403, 'Permission denied', 'PERMISSION_DENIED');
  });

  it('runs the handlers for alice, who has the permission', async () => {
    expect(await get('reports', { cookie: 'user=alice' })).to.deep.include({ status: 200, body: '{"reports":["q1","q2"]}' });
    expect(await get('me', { cookie: 'theme=dark; user=alice' })).to.deep.include({ status: 200, body: '{"name":"alice"}' });
  });

  it('redirects a browser navigation to the login page, and answers a script 401', async () => {
    const path = `${served().prefix}/account`;
    const page = loginRequired({ loginUrl: '/login' })((_request: object) => jsonResponse(null));
    const expected = serializeResponse(page({ method: 'GET', originalUrl: path, headers: NAVIGATION }) as JsonResponse);
    // Node's http client, not fetch: fetch always sends `Sec-Fetch-Mode: cors`, as a script would.
    const answer = await rawRequest({ url: served().url } as RunningServer, path, NAVIGATION);
    expect(answer.status).to.equal(302);
    expect(answer.headers.location).to.equal(`/login?next=${encodeURIComponent(path)}`);
    expect(answer.headers['cache-control']).to.equal('no-store');
    expect(answer.body).to.equal(expected.body);
    expectVary(answer.headers.vary, expected.headers.vary!, traits);
    expect((await get('account', { accept: '*/*', 'sec-fetch-mode': 'cors' })).status).to.equal(401);
    expect(await get('account', { cookie: 'user=alice' })).to.deep.include({ status: 200, body: '{"account":"alice"}' });
  });

  it('serves the class-based view to alice and refuses it to an anonymous caller', async () => {
    expect(await get('dashboard', { cookie: 'user=alice' })).to.deep.include({ status: 200, body: '{"dashboard":"alice"}' });
    await expectErrorBody(() => get('dashboard'), 401, 'Unknown authentication scheme', 'AUTHENTICATION_REQUIRED');
  });
}

/**
 * The middleware form over HTTP: every route under `/admin` needs the
 * `reports.view` permission.
 *
 * @example
 * itGuardsWithMiddleware(() => ({ url: server.url, prefix: '' }));
 */
export function itGuardsWithMiddleware(served: () => ServedApp): void {
  const get = (headers: Record<string, string> = {}) => call(`${served().url}${served().prefix}/admin/reports`, { headers });

  it('guards a route group with the middleware form', async () => {
    await expectErrorBody(() => get(), 401, 'Unknown authentication scheme', 'AUTHENTICATION_REQUIRED');
    await expectErrorBody(() => get({ cookie: 'user=bob' }), 403, 'Permission denied', 'PERMISSION_DENIED');
    expect(await get({ cookie: 'user=alice' })).to.deep.include({ status: 200, body: '{"reports":["q1","q2"]}' });
  });
}
