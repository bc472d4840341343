import { allowAnonymous, findUnguardedHandlers, getAccessRules, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { anonymousRequest } from '../support/requests.js';

describe(inMode('allowAnonymous()'), () => {
  describe('on a method', () => {
    class Pages {
      @allowAnonymous()
      home(_req: object): string {
        return 'home';
      }
    }

    it("records [{ kind: 'anonymous' }] and leaves the method as it is", () => {
      expect(getAccessRules(Pages, 'home')).to.deep.equal([{ kind: 'anonymous' }]);
      expect(new Pages().home(anonymousRequest())).to.equal('home');
    });

    it('counts as a rule: the method is not reported unguarded', () => {
      expect(findUnguardedHandlers(Pages)).to.deep.equal([]);
    });
  });

  describe('under a class-level guard', () => {
    @loginRequiredAjax()
    class Pages {
      @allowAnonymous()
      home(_req: object): string {
        return 'home';
      }

      account(_req: object): string {
        return 'account';
      }
    }

    it('is skipped by the guard, while the other methods are guarded', () => {
      expect(new Pages().home(anonymousRequest())).to.equal('home');
      expect(new Pages().account(anonymousRequest())).to.have.property('status', 401);
      expect(getAccessRules(Pages, 'home')).to.deep.equal([{ kind: 'anonymous' }]);
    });
  });

  describe('around a plain function', () => {
    it('returns the function itself, marked', () => {
      const view = (_req: object) => 'public';
      expect(allowAnonymous()(view)).to.equal(view);
      expect(getAccessRules(view)).to.deep.equal([{ kind: 'anonymous' }]);
    });
  });

  describe('on a class', () => {
    class BasePages {
      about(_req: object): string {
        return 'about';
      }
    }
    @allowAnonymous()
    class PublicPages extends BasePages {
      home(_req: object): string {
        return 'home';
      }
    }

    it('marks every handler method, inherited ones on the class’s own prototype', () => {
      expect(getAccessRules(PublicPages, 'home')).to.deep.equal([{ kind: 'anonymous' }]);
      expect(getAccessRules(PublicPages, 'about')).to.deep.equal([{ kind: 'anonymous' }]);
      expect(new PublicPages().about(anonymousRequest())).to.equal('about');
      expect(findUnguardedHandlers(PublicPages)).to.deep.equal([]);
    });

    it('marks its getters too: a class-level guard stacked outside leaves what they hand out public', () => {
      const open = (_req: object) => 'open';
      @loginRequiredAjax()
      @allowAnonymous()
      class Pages {
        get open(): (req: object) => string {
          return open;
        }
      }
      @loginRequiredAjax()
      class GuardedPages {
        get open(): (req: object) => string {
          return open;
        }
      }
      expect(new Pages().open(anonymousRequest())).to.equal('open');
      expect(new GuardedPages().open(anonymousRequest())).to.have.property('status', 401);
    });

    it('leaves the base class unmarked', () => {
      expect(getAccessRules(BasePages, 'about')).to.deep.equal([]);
      expect(findUnguardedHandlers(BasePages)).to.deep.equal(['about']);
    });
  });

  describe('on an auto-accessor that holds a handler', () => {
    // TypeScript's legacy mode wants an auto-accessor's decorator to return nothing.
    const markPublic = allowAnonymous() as (...args: unknown[]) => void;

    it('is skipped by a class-level guard, while a bare one is guarded', () => {
      @loginRequiredAjax()
      class Items {
        @markPublic
        accessor ping = (_req: object): string => 'pong';

        accessor list = (_req: object): string => 'listed';
      }
      expect(new Items().ping(anonymousRequest())).to.equal('pong');
      expect(new Items().list(anonymousRequest())).to.have.property('status', 401);
    });
  });

  describe('in a place that is not a method, a field, a getter or a class', () => {
    it('throws a TypeError naming it on a setter', () => {
      expect(() => {
        class Pages {
          // @ts-expect-error: only methods and classes can be marked
          @allowAnonymous()
          set home(_value: string) {}
        }
        return Pages;
      }).to.throw(TypeError, /@allowAnonymous\(\)/);
    });
  });
});
