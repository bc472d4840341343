import 'reflect-metadata';
import { allowAnonymous, findUnguardedHandlers, getAccessRules, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import { decoratorMode, inMode } from '../support/decorator-mode.js';
import { boundMethod, setsMetadata } from '../support/decorators.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';

type Handler = (req: object) => unknown;
const refused = (value: unknown): boolean => (value as { status?: unknown }).status === 401;
const EXPORT = Symbol('export');

class UserStore {
  dump(): string[] {
    return ['alice', 'bob'];
  }
}

@loginRequiredAjax()
class AdminController {
  static readonly route = '/admin';

  readonly arrow = (_req: object): string[] => this.store.dump();
  readonly assigned: Handler;
  readonly rebound: Handler;

  @allowAnonymous()
  readonly ping = (_req: object): string => 'pong';

  constructor(readonly store: UserStore = new UserStore()) {
    this.assigned = (_req) => this.store.dump();
    this.rebound = this.list.bind(this);
  }

  list(_req: object): string[] {
    return this.store.dump();
  }

  [EXPORT](_req: object): string[] {
    return this.store.dump();
  }

  @boundMethod
  exportUsers(_req: object): string[] {
    return this.store.dump();
  }

  get handler(): Handler {
    return () => this.store.dump();
  }

  get label(): string {
    return 'admin';
  }

  onModuleInit(): string {
    return 'initialised';
  }
}

describe(inMode('a class-level guard and what an instance exposes'), () => {
  const callables: Record<string, (admin: AdminController) => Handler> = {
    'an arrow-function field': (admin) => admin.arrow,
    'a function assigned in the constructor': (admin) => admin.assigned,
    'a bound method': (admin) => admin.rebound,
    'a symbol-named method': (admin) => (req) => admin[EXPORT](req),
    'an autobind-style @boundMethod, read twice': (admin) => {
      void admin.exportUsers;
      return admin.exportUsers;
    },
    'a function handed out by a getter': (admin) => admin.handler,
  };

  for (const [what, pick] of Object.entries(callables)) {
    describe(what, () => {
      it('refuses an anonymous caller, called detached as a route handler would call it', () => {
        expect(refused(pick(new AdminController())(anonymousRequest()))).to.equal(true);
      });

      it('runs for a signed-in caller', () => {
        expect(pick(new AdminController())(signedInRequest())).to.deep.equal(['alice', 'bob']);
      });
    });
  }

  it('hands out the same guarded function on each read of a bound method', () => {
    const admin = new AdminController();
    expect(admin.exportUsers).to.equal(admin.exportUsers);
  });

  it('leaves a getter that returns data as it was', () => {
    expect(new AdminController().label).to.equal('admin');
  });

  it('leaves a field marked @allowAnonymous() public, and records nothing on it', () => {
    expect(new AdminController().ping(anonymousRequest())).to.equal('pong');
  });

  it('never wraps a framework lifecycle hook', () => {
    expect(new AdminController().onModuleInit()).to.equal('initialised');
    expect(getAccessRules(AdminController, 'onModuleInit')).to.deep.equal([]);
  });

  it('leaves nothing unguarded, on the class or on an instance', () => {
    expect(findUnguardedHandlers(AdminController)).to.deep.equal([]);
    expect(findUnguardedHandlers(new AdminController())).to.deep.equal([]);
  });

  describe('the class it returns in place of the decorated one', () => {
    it('has the same name, prototype, static side and instanceof', () => {
      const admin = new AdminController();
      expect(AdminController.name).to.equal('AdminController');
      expect(AdminController.route).to.equal('/admin');
      expect(admin).to.be.instanceOf(AdminController);
      expect(Object.getPrototypeOf(admin)).to.equal(AdminController.prototype);
      expect(AdminController.prototype.constructor).to.equal(AdminController);
    });

    it('cannot be called without new, as a class', () => {
      expect(() => (AdminController as unknown as () => void)()).to.throw(TypeError, /without 'new'/);
    });

    it('is subclassed as the class was, the subclass guarded through it', () => {
      class SubController extends AdminController {
        extra = 'x';
      }
      const sub = new SubController();
      expect(sub).to.be.instanceOf(AdminController);
      expect(sub.extra).to.equal('x');
      expect(refused(sub.arrow(anonymousRequest()))).to.equal(true);
    });
  });

  describe('with reflect-metadata on the class', () => {
    @setsClassMetadata('path', 'items')
    @loginRequiredAjax()
    @setsClassMetadata('inner', 'kept')
    class ItemsController {
      constructor(readonly store: UserStore) {}

      list(_req: object): string[] {
        return this.store.dump();
      }
    }

    it('keeps the metadata set before and after the guard reachable', () => {
      expect(Reflect.getMetadata('path', ItemsController)).to.equal('items');
      expect(Reflect.getMetadata('inner', ItemsController)).to.equal('kept');
    });

    if (decoratorMode === 'legacy') {
      it("keeps the constructor's design:paramtypes for dependency injection", () => {
        expect(Reflect.getMetadata('design:paramtypes', ItemsController)).to.deep.equal([UserStore]);
      });
    }
  });

  describe('a function-valued member that cannot be replaced', () => {
    it('is a TypeError naming the guard and the member when the class is instantiated', () => {
      @loginRequiredAjax()
      class Frozen {
        constructor() {
          Object.defineProperty(this, 'dump', { value: (_req: object) => ['alice'], enumerable: true });
        }
      }
      expect(() => new Frozen()).to.throw(TypeError, /@loginRequiredAjax\(\) cannot guard Frozen\.dump/);
    });

    it('is that TypeError for a getter that cannot be replaced', () => {
      @loginRequiredAjax()
      class Fixed {
        constructor() {
          Object.defineProperty(this, 'dump', { get: () => (_req: object) => ['alice'], enumerable: true });
        }
      }
      expect(() => new Fixed()).to.throw(TypeError, /@loginRequiredAjax\(\) cannot guard Fixed\.dump/);
    });

    it('names the instance when its constructor returns an object with no prototype', () => {
      @loginRequiredAjax()
      class Bare {
        constructor() {
          const bare = Object.create(null) as object;
          Object.defineProperty(bare, 'dump', { value: (_req: object) => ['alice'], enumerable: true });
          // biome-ignore lint/correctness/noConstructorReturn: the shape under test
          return bare;
        }
      }
      expect(() => new Bare()).to.throw(TypeError, /@loginRequiredAjax\(\) cannot guard the instance\.dump/);
    });
  });

  describe('an ES private field holding a helper', () => {
    @loginRequiredAjax()
    class Reports {
      readonly #format = (rows: string[]) => rows.join(',');

      list(_req: object): string {
        return this.#format(['a', 'b']);
      }
    }

    it('is left alone: no caller can reach it', () => {
      expect(new Reports().list(signedInRequest())).to.equal('a,b');
      expect(findUnguardedHandlers(new Reports())).to.deep.equal([]);
    });
  });

  describe('a method-level metadata decorator stacked over the class guard', () => {
    @loginRequiredAjax()
    class Tagged {
      @setsMetadata('role', 'admin')
      wipe(_req: object): string {
        return 'wiped';
      }
    }

    it('still finds the method guarded', () => {
      expect(refused(new Tagged().wipe(anonymousRequest()))).to.equal(true);
      expect(Reflect.getMetadata('role', Tagged.prototype.wipe)).to.equal('admin');
    });
  });
});

/** A class decorator of another library, in either mode: it sets metadata and returns nothing. */
function setsClassMetadata(key: string, value: unknown) {
  return (target: any, _context?: unknown): void => {
    Reflect.defineMetadata(key, value, target);
  };
}
