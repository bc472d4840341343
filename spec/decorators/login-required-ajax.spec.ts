import { configure, getAccessRules, isJsonResponse, type JsonResponse, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { DEFAULT_401_JSON, PINNED_NOW_MS, pinClock } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';

type Body = Record<string, string>;

const handlerCalls = sinon.spy();

class Items {
  @loginRequiredAjax()
  list(req: object): JsonResponse {
    handlerCalls(req);
    return jsonResponse({ items: [1] });
  }
}

const refusalOf = (guarded: (req: object) => unknown): JsonResponse<Body> => guarded(anonymousRequest()) as JsonResponse<Body>;

describe(inMode('loginRequiredAjax(options?)'), () => {
  beforeEach(pinClock);
  afterEach(() => handlerCalls.resetHistory());

  describe('when the caller is anonymous', () => {
    it('returns a 401 JsonResponse without calling the handler', () => {
      const res = new Items().list(anonymousRequest());
      expect(isJsonResponse(res)).to.equal(true);
      expect(res.status).to.equal(401);
      expect(handlerCalls.called).to.equal(false);
    });

    it('answers with the default error body, compactly serialized, its fields in the documented order', () => {
      expect(JSON.stringify(new Items().list(anonymousRequest()).body)).to.equal(DEFAULT_401_JSON);
    });

    it('sends the JSON content type, cache-control: no-store and the Session challenge', () => {
      expect(new Items().list(anonymousRequest()).headers).to.deep.equal({
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'www-authenticate': 'Session',
      });
    });

    it('never challenges with Basic, which pops up a browser password dialog', () => {
      expect(new Items().list(anonymousRequest()).headers['www-authenticate']).not.to.match(/basic/i);
    });

    it("stamps the settings clock's time as Unix seconds, rounded down, in a string", () => {
      configure({ clock: () => 1_999 });
      expect(new Items().list(anonymousRequest()).body).to.include({ timestamp: '1' });
    });

    it('stamps each call with the time of that call', () => {
      let now = 1_000;
      configure({ clock: () => now });
      const items = new Items();
      expect((items.list(anonymousRequest()).body as Body).timestamp).to.equal('1');
      now = 61_000;
      expect((items.list(anonymousRequest()).body as Body).timestamp).to.equal('61');
    });

    it("uses the settings' authentication error code", () => {
      configure({ errorCodes: { authentication: 'API_ERROR_AUTHENTICATION' } });
      expect(new Items().list(anonymousRequest()).body).to.include({ errorcode: 'API_ERROR_AUTHENTICATION' });
    });

    it("uses the settings' challenge", () => {
      configure({ challenge: 'Bearer realm="api"' });
      expect(new Items().list(anonymousRequest()).headers['www-authenticate']).to.equal('Bearer realm="api"');
    });

    it('answers the calls of one second with one frozen response, and builds another the next second', () => {
      const items = new Items();
      const first = items.list(anonymousRequest());
      expect(Object.isFrozen(first) && Object.isFrozen(first.body)).to.equal(true);
      expect(items.list(anonymousRequest())).to.equal(first);
      configure({ clock: () => PINNED_NOW_MS + 1000 });
      const next = items.list(anonymousRequest()) as JsonResponse<{ timestamp: string }>;
      expect(next).not.to.equal(first);
      expect(next.body.timestamp).to.equal(String(Math.floor(PINNED_NOW_MS / 1000) + 1));
    });
  });

  describe('when the caller is signed in', () => {
    it('calls the handler with the request and returns what it returns, as it is', () => {
      const request = signedInRequest();
      const res = new Items().list(request);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({ items: [1] });
      expect(handlerCalls.calledOnceWithExactly(request)).to.equal(true);
    });

    it('returns a handler’s value that is not a JsonResponse untouched', () => {
      const value = { plain: 'data' };
      expect(loginRequiredAjax()((_req: object) => value)(signedInRequest())).to.equal(value);
    });
  });

  describe('with options', () => {
    beforeEach(() => {
      configure({ errorCodes: { authentication: 'APP_CODE' }, challenge: 'AppScheme' });
    });

    it('takes message, errorcode and challenge over the settings', () => {
      const guarded = loginRequiredAjax({ message: 'Please sign in', errorcode: 'E_LOGIN', challenge: 'Cookie realm="app"' })(
        (_req: object) => 'data',
      );
      const res = refusalOf(guarded);
      expect(JSON.stringify(res.body)).to.equal(
        '{"status":"401","message":"Please sign in","timestamp":"1764000000","errorcode":"E_LOGIN"}',
      );
      expect(res.headers['www-authenticate']).to.equal('Cookie realm="app"');
    });

    it('keeps the settings for what the options leave out', () => {
      const res = refusalOf(loginRequiredAjax({ message: 'Please sign in' })((_req: object) => 'data'));
      expect(res.body).to.include({ errorcode: 'APP_CODE' });
      expect(res.headers['www-authenticate']).to.equal('AppScheme');
    });

    it('takes isAuthenticated over the settings and the default check', () => {
      configure({ isAuthenticated: () => true });
      const isAuthenticated = sinon.spy((req: { apiKey?: string }) => req.apiKey === 'k');
      const guarded = loginRequiredAjax({ isAuthenticated })((_req: object) => 'data');
      expect(guarded({ apiKey: 'k' })).to.equal('data');
      expect(guarded(signedInRequest())).to.have.property('status', 401);
      expect(isAuthenticated.firstCall.args).to.deep.equal([{ apiKey: 'k' }]);
    });

    it('takes render over the settings', () => {
      configure({ render: () => jsonResponse({ from: 'settings' }, { status: 401 }) });
      const guarded = loginRequiredAjax({ render: () => jsonResponse({ from: 'options' }, { status: 401 }) })(
        (_req: object) => 'data',
      );
      expect(refusalOf(guarded).body).to.deep.equal({ from: 'options' });
    });

    it('keeps one guard’s options from another', () => {
      loginRequiredAjax({ message: 'First' });
      expect(refusalOf(loginRequiredAjax()((_req: object) => 'data')).body).to.include({
        message: 'Unknown authentication scheme',
      });
    });
  });

  it("records a login rule on what it guards: [{ kind: 'login' }]", () => {
    expect(getAccessRules(Items, 'list')).to.deep.equal([{ kind: 'login' }]);
  });
});
