import { allowAnonymous, findUnguardedHandlers, getAccessRules, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { anonymousRequest, signedInRequest } from '../support/requests.js';

const refused = (value: unknown): boolean => (value as { status?: unknown }).status === 401;

class BaseView {
  constructed = true;

  dispatch(_req: object): string {
    return 'dispatched';
  }

  @allowAnonymous()
  health(_req: object): string {
    return 'ok';
  }
}
const baseDispatch = BaseView.prototype.dispatch;

@loginRequiredAjax()
class ItemsView extends BaseView {
  static version(_req: object): string {
    return 'v1';
  }

  get title(): string {
    return 'Items';
  }

  list(_req: object): string {
    return 'listed';
  }

  @allowAnonymous()
  count(_req: object): number {
    return 3;
  }

  async load(_req: object): Promise<string> {
    return 'loaded';
  }
}

describe(inMode('loginRequiredAjax() on a class'), () => {
  describe('its own handler methods', () => {
    it('refuses an anonymous caller', () => {
      expect(refused(new ItemsView().list(anonymousRequest()))).to.equal(true);
    });

    it('runs for a signed-in caller', () => {
      expect(new ItemsView().list(signedInRequest())).to.equal('listed');
    });

    it('keeps an async method async, refusal included', async () => {
      const pending = new ItemsView().load(anonymousRequest());
      expect(pending).to.be.instanceOf(Promise);
      expect(refused(await pending)).to.equal(true);
    });

    it('record the login rule', () => {
      expect(getAccessRules(ItemsView, 'list')).to.deep.equal([{ kind: 'login' }]);
      expect(getAccessRules(ItemsView, 'load')).to.deep.equal([{ kind: 'login' }]);
    });
  });

  describe('its inherited handler methods', () => {
    it('are guarded too', () => {
      expect(refused(new ItemsView().dispatch(anonymousRequest()))).to.equal(true);
      expect(new ItemsView().dispatch(signedInRequest())).to.equal('dispatched');
      expect(getAccessRules(ItemsView, 'dispatch')).to.deep.equal([{ kind: 'login' }]);
    });

    it('are guarded by wrappers on the decorated class’s own prototype', () => {
      expect(Object.hasOwn(ItemsView.prototype, 'dispatch')).to.equal(true);
    });

    it('are guarded too when they come from a plain object the prototype inherits (a mixin)', () => {
      const mixin = {
        export(_req: object): string {
          return 'exported';
        },
      };
      class Reports {}
      Object.setPrototypeOf(Reports.prototype, mixin);
      const Guarded = loginRequiredAjax()(Reports) as unknown as new () => typeof mixin;
      expect(refused(new Guarded().export(anonymousRequest()))).to.equal(true);
      expect(new Guarded().export(signedInRequest())).to.equal('exported');
      expect(mixin.export(anonymousRequest())).to.equal('exported');
    });

    it('stay unguarded on the base class', () => {
      expect(BaseView.prototype.dispatch).to.equal(baseDispatch);
      expect(new BaseView().dispatch(anonymousRequest())).to.equal('dispatched');
      expect(getAccessRules(BaseView, 'dispatch')).to.deep.equal([]);
    });
  });

  describe('a method marked @allowAnonymous()', () => {
    it('is skipped, own or inherited', () => {
      expect(new ItemsView().count(anonymousRequest())).to.equal(3);
      expect(new ItemsView().health(anonymousRequest())).to.equal('ok');
      expect(getAccessRules(ItemsView, 'count')).to.deep.equal([{ kind: 'anonymous' }]);
      expect(getAccessRules(ItemsView, 'health')).to.deep.equal([{ kind: 'anonymous' }]);
    });
  });

  describe('what is not a handler method', () => {
    it('leaves the constructor alone', () => {
      expect(ItemsView.prototype.constructor).to.equal(ItemsView);
      expect(new ItemsView().constructed).to.equal(true);
    });

    it('leaves accessors alone', () => {
      const descriptor = Object.getOwnPropertyDescriptor(ItemsView.prototype, 'title');
      expect(descriptor?.get).to.be.a('function');
      expect(descriptor).not.to.have.property('value');
      expect(new ItemsView().title).to.equal('Items');
    });

    it('leaves static methods alone', () => {
      expect(ItemsView.version(anonymousRequest())).to.equal('v1');
    });

    it('leaves the framework’s lifecycle hooks alone, own or inherited, and does not report them', () => {
      const calls: string[] = [];
      class LifecycleBase {
        onApplicationShutdown(): void {
          calls.push('onApplicationShutdown');
        }
      }
      @loginRequiredAjax()
      class ItemsController extends LifecycleBase {
        onModuleInit(): void {
          calls.push('onModuleInit');
        }
        onApplicationBootstrap(): void {
          calls.push('onApplicationBootstrap');
        }
        onModuleDestroy(): void {
          calls.push('onModuleDestroy');
        }
        beforeApplicationShutdown(): void {
          calls.push('beforeApplicationShutdown');
        }
        list(_req: object): string {
          return 'listed';
        }
      }
      const controller = new ItemsController();
      controller.onModuleInit();
      controller.onApplicationBootstrap();
      controller.onModuleDestroy();
      controller.beforeApplicationShutdown();
      controller.onApplicationShutdown();
      expect(calls).to.deep.equal([
        'onModuleInit',
        'onApplicationBootstrap',
        'onModuleDestroy',
        'beforeApplicationShutdown',
        'onApplicationShutdown',
      ]);
      expect(getAccessRules(ItemsController, 'onModuleInit')).to.deep.equal([]);
      expect(refused(controller.list(anonymousRequest()))).to.equal(true);
      expect(findUnguardedHandlers(ItemsController)).to.deep.equal([]);
    });
  });

  it('leaves no handler unguarded', () => {
    expect(findUnguardedHandlers(ItemsView)).to.deep.equal([]);
    expect(findUnguardedHandlers(BaseView)).to.deep.equal(['dispatch']);
  });
});
