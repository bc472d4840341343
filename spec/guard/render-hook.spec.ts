import { configure, type Denial, type JsonResponse, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import sinon from 'sinon';
import { pinClock } from '../support/clock.js';
import { inMode } from '../support/decorator-mode.js';
import { rejectionOf } from '../support/promises.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';

type Render = (denial: Denial) => JsonResponse;

/** A guard rendering with `render`, around a handler spy. */
function guardedWith(render: Render) {
  const handler = sinon.spy((_req: object) => 'data');
  return { handler, guarded: loginRequiredAjax({ render })(handler) };
}

const refusal = (guarded: (req: object) => unknown): JsonResponse => guarded(anonymousRequest()) as JsonResponse;

describe(inMode('the render hook of a refusal'), () => {
  beforeEach(pinClock);

  it('receives the denial: status, reason, message, errorcode, timestamp and the request', () => {
    const render = sinon.spy((denial: Denial) => jsonResponse({ error: denial.message }, { status: denial.status }));
    const { guarded } = guardedWith(render);
    const request = anonymousRequest();
    guarded(request);
    expect(render.calledOnce).to.equal(true);
    const denial = render.firstCall.args[0];
    expect(denial).to.deep.equal({
      status: 401,
      reason: 'unauthenticated',
      message: 'Unknown authentication scheme',
      errorcode: 'AUTHENTICATION_REQUIRED',
      timestamp: '1764000000',
      request,
    });
    expect(denial.request).to.equal(request);
  });

  it('receives the options and settings that apply', () => {
    configure({ errorCodes: { authentication: 'APP_CODE' } });
    const render = sinon.spy((denial: Denial) => jsonResponse({}, { status: denial.status }));
    loginRequiredAjax({ render, message: 'Sign in first' })((_req: object) => 'data')(anonymousRequest());
    expect(render.firstCall.args[0]).to.include({ message: 'Sign in first', errorcode: 'APP_CODE' });
  });

  it('is not called when the caller is signed in', () => {
    const render = sinon.spy((denial: Denial) => jsonResponse({}, { status: denial.status }));
    const { guarded } = guardedWith(render);
    expect(guarded(signedInRequest())).to.equal('data');
    expect(render.called).to.equal(false);
  });

  describe('when the rendered response lacks the denial headers', () => {
    it('gets cache-control: no-store and the challenge added, its own headers and body kept', () => {
      const { guarded } = guardedWith((denial) =>
        jsonResponse({ error: 'login' }, { status: denial.status, headers: { 'x-trace': 't1' } }),
      );
      const res = refusal(guarded);
      expect(res.status).to.equal(401);
      expect(res.body).to.deep.equal({ error: 'login' });
      expect(res.headers).to.deep.equal({
        'content-type': 'application/json; charset=utf-8',
        'x-trace': 't1',
        'cache-control': 'no-store',
        'www-authenticate': 'Session',
      });
    });

    it('gets the guard’s own challenge', () => {
      const render: Render = (denial) => jsonResponse({}, { status: denial.status });
      const guarded = loginRequiredAjax({ render, challenge: 'Cookie' })((_req: object) => 'data');
      expect(refusal(guarded).headers['www-authenticate']).to.equal('Cookie');
    });
  });

  describe('when the rendered response has its own denial headers', () => {
    it('keeps its challenge but always sends cache-control: no-store', () => {
      const headers = { 'Cache-Control': 'public, max-age=600', 'WWW-Authenticate': 'Bearer realm="app"' };
      const { guarded } = guardedWith((denial) => jsonResponse({}, { status: denial.status, headers }));
      expect(refusal(guarded).headers).to.include({
        'cache-control': 'no-store',
        'www-authenticate': 'Bearer realm="app"',
      });
    });
  });

  describe('when the rendered response answers an anonymous caller with another error status', () => {
    it('gets cache-control but no challenge, which belongs to a 401 only', () => {
      const { guarded } = guardedWith(() => jsonResponse({ error: 'hidden' }, { status: 404 }));
      const res = refusal(guarded);
      expect(res.status).to.equal(404);
      expect(res.headers).to.include({ 'cache-control': 'no-store' });
      expect(res.headers).not.to.have.property('www-authenticate');
    });
  });

  describe('when render returns something that cannot refuse (fail closed)', () => {
    const wrong: Record<string, Render> = {
      'a plain object': () => ({ status: 401, headers: {}, body: {} }),
      undefined: () => undefined as unknown as JsonResponse,
      'a success response': () => jsonResponse({ ok: true }),
      'a redirect': () => jsonResponse(null, { status: 302, headers: { location: '/login' } }),
    };
    for (const [what, render] of Object.entries(wrong)) {
      it(`throws a TypeError for ${what}, and never calls the handler`, () => {
        const { handler, guarded } = guardedWith(render);
        expect(() => guarded(anonymousRequest())).to.throw(TypeError, /render must return an error JsonResponse/);
        expect(handler.called).to.equal(false);
      });
    }

    it('rejects with that TypeError after an asynchronous check, and never calls the handler', async () => {
      const handler = sinon.spy(async (_req: object) => 'data');
      const guarded = loginRequiredAjax({ isAuthenticated: async () => false, render: () => jsonResponse({ ok: true }) })(
        handler,
      );
      expect(await rejectionOf(guarded(anonymousRequest()))).to.be.instanceOf(TypeError);
      expect(handler.called).to.equal(false);
    });

    it('throws the error a render hook throws', () => {
      const { guarded } = guardedWith(() => {
        throw new Error('template missing');
      });
      expect(() => guarded(anonymousRequest())).to.throw(Error, 'template missing');
    });
  });
});
