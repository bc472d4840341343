import {
  allowAnonymous,
  type JsonResponse,
  jsonResponse,
  loginRequiredAjax,
  methodDecorator,
  permissionRequiredAjax,
  problemDetails,
} from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { whilePolluted } from '../support/pollution.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';

const ACCESSOR_POLLUTION = { get: () => 'polluted', set: () => undefined };

describe(inMode('a polluted Object.prototype.get and .set'), () => {
  it('leave a refusal a 401, not an exception', () => {
    const guarded = loginRequiredAjax({ render: problemDetails })((_req: object) => 'ok');
    const res = whilePolluted(ACCESSOR_POLLUTION, () => guarded(anonymousRequest())) as JsonResponse;
    expect(res.status).to.equal(401);
    expect(res.headers['cache-control']).to.equal('no-store');
  });

  it('leave a 403 and a response with headers as they were', () => {
    const guarded = permissionRequiredAjax('items.delete')((_req: object) => 'ok');
    const [forbidden, made] = whilePolluted(ACCESSOR_POLLUTION, () => [
      guarded(signedInRequest()) as JsonResponse,
      jsonResponse({}, { headers: { 'x-trace': 'abc' } }),
    ]);
    expect(forbidden.status).to.equal(403);
    expect(made.headers['x-trace']).to.equal('abc');
  });

  it('leave an instance of a guarded class, made and called while they are there, as it was', () => {
    @loginRequiredAjax()
    class Items {
      @allowAnonymous()
      readonly ping = (_req: object) => 'pong';

      readonly exportUsers = (_req: object) => ['alice'];

      get label(): string {
        return 'items';
      }

      @methodDecorator((fn: (req: object) => string) => (req: object) => fn(req))
      list(_req: object): string {
        return 'listed';
      }
    }
    const [list, exported, ping, label] = whilePolluted(ACCESSOR_POLLUTION, () => {
      const items = new Items();
      return [items.list(anonymousRequest()), items.exportUsers(anonymousRequest()), items.ping(anonymousRequest()), items.label];
    });
    expect(list).to.have.property('status', 401);
    expect(exported).to.have.property('status', 401);
    expect(ping).to.equal('pong');
    expect(label).to.equal('items');
  });
});

describe('an error thrown while serving a request', () => {
  const secret = 'session=9f8e7d6c5b4a';

  it('names a bad response header but never quotes its value', () => {
    const build = () => jsonResponse({}, { headers: { 'x-echo': `${secret}\r\nset-cookie: a=1` } });
    expect(build).to.throw(TypeError, /header "x-echo".*U\+000D at index 20/);
    expect(build).to.throw(TypeError).with.property('message').that.does.not.include(secret);
  });

  it('never quotes a bad header name', () => {
    const build = () => jsonResponse({}, { headers: { [`${secret} x`]: 'v' } });
    expect(build).to.throw(TypeError).with.property('message').that.does.not.include(secret);
  });

  it('never quotes what a render hook returned', () => {
    const guarded = loginRequiredAjax({ render: (denial) => ({ leaked: denial.request }) as never })((_req: object) => 'ok');
    expect(() => guarded({ token: secret }))
      .to.throw(TypeError, /render must return/)
      .with.property('message')
      .that.does.not.include(secret);
  });
});
