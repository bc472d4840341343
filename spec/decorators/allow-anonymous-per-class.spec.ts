import { allowAnonymous, findUnguardedHandlers, getAccessRules, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';

type Handler = (req: object) => unknown;

// A mixin object: the same function objects end up on several classes.
const exportMixin = {
  exportUsers(_req: object): string[] {
    return ['alice', 'bob'];
  },
};

// A class that holds the mixin's functions and is marked public as a whole.
function publicApi(): new () => object {
  class PublicApi {}
  Object.assign(PublicApi.prototype, exportMixin);
  allowAnonymous()(PublicApi);
  return PublicApi;
}

describe(inMode('allowAnonymous() marks the member of one class, not the function'), () => {
  describe('a mixin function marked public on one class by @allowAnonymous() on that class', () => {
    const PublicApi = publicApi();

    class AdminApi {}
    Object.assign(AdminApi.prototype, exportMixin);
    const GuardedAdmin = loginRequiredAjax()(AdminApi);

    const exportOf = (api: object): Handler => (api as { exportUsers: Handler }).exportUsers;

    it('is public on that class', () => {
      expect(exportOf(new PublicApi())(anonymousRequest())).to.deep.equal(['alice', 'bob']);
      expect(getAccessRules(PublicApi, 'exportUsers')).to.deep.equal([{ kind: 'anonymous' }]);
    });

    it('is guarded on another class that shares it', () => {
      expect(exportOf(new GuardedAdmin())(anonymousRequest())).to.have.property('status', 401);
      expect(exportOf(new GuardedAdmin())(signedInRequest())).to.deep.equal(['alice', 'bob']);
      expect(getAccessRules(GuardedAdmin, 'exportUsers')).to.deep.equal([{ kind: 'login' }]);
    });

    it('is left on the mixin object as it was', () => {
      expect(getAccessRules(exportMixin.exportUsers)).to.deep.equal([]);
    });
  });

  describe('a plain function marked public, then shared into a guarded class', () => {
    const status = allowAnonymous()((_req: object) => 'secret status');

    class StatusApi {}
    Object.assign(StatusApi.prototype, { status });
    const Guarded = loginRequiredAjax()(StatusApi);

    it('is guarded there: only a mark on the class makes a member public', () => {
      const api = new Guarded() as { status?: Handler };
      expect(api.status?.(anonymousRequest())).to.have.property('status', 401);
    });
  });

  describe('a function shared into a class that is not guarded', () => {
    const PublicApi = publicApi();

    class OpenApi {}
    Object.assign(OpenApi.prototype, exportMixin);

    it('is reported unguarded there, and public where it was marked', () => {
      expect(findUnguardedHandlers(OpenApi)).to.deep.equal(['exportUsers']);
      expect(findUnguardedHandlers(PublicApi)).to.deep.equal([]);
    });
  });

  // Legacy decorators name the class's prototype, standard ones its metadata:
  // either way the mark is that class's.
  describe('a method marked @allowAnonymous() in one class and shared into a guarded one', () => {
    class PublicApi {
      @allowAnonymous()
      health(_req: object): string {
        return 'internal details';
      }
    }
    class AdminApi {}
    Object.assign(AdminApi.prototype, { health: PublicApi.prototype.health });
    const Guarded = loginRequiredAjax()(AdminApi);

    it('is guarded in the class it was shared into', () => {
      expect((new Guarded() as { health: Handler }).health(anonymousRequest())).to.have.property('status', 401);
      expect(new PublicApi().health(anonymousRequest())).to.equal('internal details');
    });

    it('is reported unguarded where nothing guards it', () => {
      class OpenApi {}
      Object.assign(OpenApi.prototype, { health: PublicApi.prototype.health });
      expect(findUnguardedHandlers(OpenApi)).to.deep.equal(['health']);
      expect(findUnguardedHandlers(PublicApi)).to.deep.equal([]);
    });
  });

  describe('a method marked @allowAnonymous() under a class-level guard', () => {
    @loginRequiredAjax()
    class Api {
      @allowAnonymous()
      health(_req: object): string {
        return 'ok';
      }

      list(_req: object): string {
        return 'listed';
      }
    }
    class ChildApi extends Api {}
    const GuardedChild = loginRequiredAjax()(ChildApi);

    it('stays public on its class and on a guarded subclass that inherits it', () => {
      expect(new Api().health(anonymousRequest())).to.equal('ok');
      expect(new GuardedChild().health(anonymousRequest())).to.equal('ok');
      expect(new GuardedChild().list(anonymousRequest())).to.have.property('status', 401);
    });
  });

  describe('from a compiler that gives standard decorators no metadata (TypeScript before 5.2)', () => {
    const health = (_req: object): string => 'ok';
    allowAnonymous()(health, { kind: 'method', name: 'health' } as unknown as undefined);
    class Api {}
    Object.assign(Api.prototype, { health });
    const Guarded = loginRequiredAjax()(Api);

    it('marks the function where it sits under that name, the best such a decorator can know', () => {
      expect((new Guarded() as { health: Handler }).health(anonymousRequest())).to.equal('ok');
    });
  });
});
