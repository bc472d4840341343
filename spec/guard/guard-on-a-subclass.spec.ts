import { allowAnonymous, findUnguardedHandlers, getAccessRules, loginRequiredAjax, permissionRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';

const statusOf = (value: unknown): unknown => (value as { status?: unknown }).status;
const admin = () => signedInRequest({ id: 2, name: 'ada', permissions: ['items.delete'] });

class Unguarded {
  dispatch(_req: object): string {
    return 'dispatched';
  }
}
const unguardedDispatch = Unguarded.prototype.dispatch;

// A base controller that signs every endpoint in, as apps write one.
@loginRequiredAjax()
class SignedInController extends Unguarded {
  list(_req: object): string {
    return 'listed';
  }
}

describe(inMode('a class-level guard on a class that is extended'), () => {
  describe('a method the subclass adds', () => {
    class ItemsController extends SignedInController {
      add(_req: object): string {
        return 'added';
      }

      @allowAnonymous()
      health(_req: object): string {
        return 'ok';
      }
    }

    it('is guarded and reported as guarded before any instance is made', () => {
      expect(findUnguardedHandlers(ItemsController)).to.deep.equal([]);
      expect(getAccessRules(ItemsController, 'add')).to.deep.equal([{ kind: 'login' }]);
    });

    it('refuses an anonymous caller and runs for a signed-in one', () => {
      const controller = new ItemsController();
      expect(statusOf(controller.add(anonymousRequest()))).to.equal(401);
      expect(controller.add(signedInRequest())).to.equal('added');
    });

    it('stays public when marked @allowAnonymous()', () => {
      expect(new ItemsController().health(anonymousRequest())).to.equal('ok');
      expect(getAccessRules(ItemsController, 'health')).to.deep.equal([{ kind: 'anonymous' }]);
    });
  });

  describe('a getter the subclass adds', () => {
    class WithGetters extends SignedInController {
      // As autobind's @boundMethod: the getter hands out a handler.
      get bound(): (req: object) => string {
        return (_req: object) => 'bound';
      }

      @allowAnonymous()
      get status(): (req: object) => string {
        return (_req: object) => 'up';
      }
    }

    it('hands out a guarded handler, unless marked @allowAnonymous()', () => {
      const controller = new WithGetters();
      expect(statusOf(controller.bound(anonymousRequest()))).to.equal(401);
      expect(controller.bound(signedInRequest())).to.equal('bound');
      expect(controller.status(anonymousRequest())).to.equal('up');
    });
  });

  describe('a method the subclass overrides', () => {
    class CustomList extends SignedInController {
      ran = 0;

      override list(_req: object): string {
        this.ran++;
        return 'custom';
      }
    }

    it('refuses an anonymous caller without running, and runs for a signed-in one', () => {
      const controller = new CustomList();
      expect(statusOf(controller.list(anonymousRequest()))).to.equal(401);
      expect(controller.ran).to.equal(0);
      expect(controller.list(signedInRequest())).to.equal('custom');
    });
  });

  describe('a subclass two classes down, with a guard of its own in between', () => {
    @permissionRequiredAjax('items.delete')
    class AdminController extends SignedInController {
      purge(_req: object): string {
        return 'purged';
      }
    }
    class ReportsController extends AdminController {
      report(_req: object): string {
        return 'reported';
      }
    }

    it('answers every method with every guard above it: 401, then 403, then the handler', () => {
      const controller = new ReportsController();
      for (const call of [() => controller.report(anonymousRequest()), () => controller.purge(anonymousRequest())]) {
        expect(statusOf(call())).to.equal(401);
      }
      expect(statusOf(controller.report(signedInRequest()))).to.equal(403);
      expect(controller.report(admin())).to.equal('reported');
      expect(statusOf(controller.list(signedInRequest()))).to.equal(403);
      expect(controller.list(admin())).to.equal('listed');
      expect(findUnguardedHandlers(ReportsController)).to.deep.equal([]);
    });
  });

  describe('a subclass that repeats the guard of its base', () => {
    let asked = 0;
    const isAuthenticated = (_req: object): boolean => {
      asked += 1;
      return true;
    };
    @loginRequiredAjax({ isAuthenticated })
    class CountedController {
      list(_req: object): string {
        return 'listed';
      }
    }
    @loginRequiredAjax({ isAuthenticated })
    class RepeatingController extends CountedController {
      add(_req: object): string {
        return 'added';
      }
    }

    it('runs it once for each class that carries it: twice a call', () => {
      const controller = new RepeatingController();
      asked = 0;
      expect([controller.list(signedInRequest()), controller.add(signedInRequest())]).to.deep.equal(['listed', 'added']);
      expect(asked).to.equal(4);
    });
  });

  describe('a function-valued field the subclass sets', () => {
    class WithField extends SignedInController {
      field = (_req: object): string => 'field';
    }

    it('is out of the guard’s reach (set after the guarded constructor returns), and reported', () => {
      const controller = new WithField();
      expect(findUnguardedHandlers(controller)).to.deep.equal(['field']);
      expect(statusOf(controller.list(anonymousRequest()))).to.equal(401);
    });
  });

  describe("a method the guarded class's constructor hands out, on the subclass's first instance", () => {
    // A controller that registers its own methods as routes while it is constructed.
    const handedOut: Array<(req: object) => unknown> = [];
    @loginRequiredAjax()
    class SelfRouting {
      constructor() {
        const own = Reflect.getPrototypeOf(this) as Record<string, unknown>;
        for (const key of Object.getOwnPropertyNames(own)) {
          if (key !== 'constructor') handedOut.push((own[key] as (req: object) => unknown).bind(this));
        }
      }
    }
    class Reports extends SelfRouting {
      secret(_req: object): string {
        return 'secret';
      }
    }

    it('is guarded already', () => {
      new Reports();
      expect(handedOut.map((route) => statusOf(route(anonymousRequest())))).to.deep.equal([401]);
    });
  });

  describe('a class that extends the original of a class the plain function form replaced', () => {
    class Original {
      list(_req: object): string {
        return 'listed';
      }
    }
    const Guarded = loginRequiredAjax()(Original);
    class Extended extends Original {
      purge(_req: object): string {
        return 'purged';
      }
    }

    it('never constructs through the guard: introspection reports its methods rather than guard them', () => {
      expect(findUnguardedHandlers(Extended)).to.deep.equal(['purge']);
      expect(getAccessRules(Extended, 'purge')).to.deep.equal([]);
      expect(new Extended().purge(anonymousRequest())).to.equal('purged');
      expect(statusOf(new Guarded().list(anonymousRequest()))).to.equal(401);
    });
  });

  it('leaves the class the guarded one extends as it was', () => {
    class Sibling extends Unguarded {}
    expect(Unguarded.prototype.dispatch).to.equal(unguardedDispatch);
    expect(new Sibling().dispatch(anonymousRequest())).to.equal('dispatched');
    expect(findUnguardedHandlers(Unguarded)).to.deep.equal(['dispatch']);
  });
});

describe(inMode('a class-level guard on a class that made an instance of itself before it was decorated'), () => {
  @loginRequiredAjax()
  class Registry {
    // Legacy decorators run after static fields are set: this instance was made by the undecorated class.
    static readonly instance = new Registry();
    list = (_req: object): string => 'listed';

    count(_req: object): number {
      return 1;
    }
  }

  it('guards that instance too: its fields and its methods', () => {
    expect(statusOf(Registry.instance.list(anonymousRequest()))).to.equal(401);
    expect(statusOf(Registry.instance.count(anonymousRequest()))).to.equal(401);
    expect(Registry.instance.list(signedInRequest())).to.equal('listed');
    expect(findUnguardedHandlers(Registry.instance)).to.deep.equal([]);
  });
});
