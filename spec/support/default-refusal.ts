import type { JsonResponse } from 'ajax-guard';
import { expect } from 'chai';

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
