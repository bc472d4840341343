import { getAccessRules, isJsonResponse, type JsonResponse, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';

class Items {
  @loginRequiredAjax()
  list(_req: object): JsonResponse {
    return jsonResponse({ items: [1] });
  }

  @loginRequiredAjax()
  async load(_req: object): Promise<JsonResponse> {
    return jsonResponse({ items: [2] });
  }
}

describe(inMode('loginRequiredAjax() smoke'), () => {
  it('refuses an anonymous call synchronously with the seed body', () => {
    const res = new Items().list({}) as JsonResponse<Record<string, string>>;
    expect(isJsonResponse(res)).to.equal(true);
    expect(res.status).to.equal(401);
    expect(Object.keys(res.body)).to.deep.equal(['status', 'message', 'timestamp', 'errorcode']);
    expect(res.headers).to.include({ 'cache-control': 'no-store', 'www-authenticate': 'Session' });
  });

  it('runs the handler for a user', () => {
    expect(new Items().list({ user: { id: 1 } }).body).to.deep.equal({ items: [1] });
  });

  it('returns a Promise from an async handler, refusal included', async () => {
    const pending = new Items().load({});
    expect(pending).to.be.instanceOf(Promise);
    expect((await pending).status).to.equal(401);
  });

  it('records the rule', () => {
    expect(getAccessRules(Items, 'list')).to.deep.equal([{ kind: 'login' }]);
  });
});
