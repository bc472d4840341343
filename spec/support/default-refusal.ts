import type { JsonResponse } from 'ajax-guard';
import { expect } from 'chai';
import { DEFAULT_401_JSON } from './clock.js';
import type { Answer } from './http-client.js';

/** Asserts `response` is the default 401: body fields, challenge and no-store. */
export function expectDefault401(response: JsonResponse): void {
  expect(response.status).to.equal(401);
  expect(response.body).to.include({
    status: '401',
    message: 'Unknown authentication scheme',
    errorcode: 'AUTHENTICATION_REQUIRED',
  });
  expect(response.headers).to.include({ 'www-authenticate': 'Session', 'cache-control': 'no-store' });
}

/**
 * Asserts `answer` is the default 401 as an adapter writes it at the pinned
 * second, byte for byte: its body (empty for HEAD), type, challenge, no-store
 * and length.
 */
export function expectDefault401Answer({ status, headers, body }: Answer, sentBody = DEFAULT_401_JSON): void {
  expect(status).to.equal(401);
  expect(body).to.equal(sentBody);
  expect(headers.get('content-type')).to.equal('application/json; charset=utf-8');
  expect(headers.get('cache-control')).to.equal('no-store');
  expect(headers.get('www-authenticate')).to.equal('Session');
  expect(headers.get('content-length')).to.equal(String(Buffer.byteLength(DEFAULT_401_JSON)));
}
