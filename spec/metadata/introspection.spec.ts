import { allowAnonymous, findUnguardedHandlers, getAccessRules, loginRequiredAjax } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';

class BaseController {
  @loginRequiredAjax()
  show(_req: object): string {
    return 'shown';
  }

  inheritedOpen(_req: object): string {
    return 'open';
  }
}

class ItemsController extends BaseController {
  static create(): ItemsController {
    return new ItemsController();
  }

  get size(): number {
    return 0;
  }

  @loginRequiredAjax()
  remove(_req: object): string {
    return 'removed';
  }

  @allowAnonymous()
  count(_req: object): number {
    return 0;
  }

  forgotten(_req: object): string {
    return 'unguarded';
  }
}

describe(inMode('getAccessRules(Class, methodName)'), () => {
  it('returns the rules of an own method', () => {
    expect(getAccessRules(ItemsController, 'remove')).to.deep.equal([{ kind: 'login' }]);
    expect(getAccessRules(ItemsController, 'count')).to.deep.equal([{ kind: 'anonymous' }]);
  });

  it('returns the rules of an inherited method', () => {
    expect(getAccessRules(ItemsController, 'show')).to.deep.equal([{ kind: 'login' }]);
  });

  it('returns an empty list for an unguarded method, an accessor or no method at all', () => {
    expect(getAccessRules(ItemsController, 'forgotten')).to.deep.equal([]);
    expect(getAccessRules(ItemsController, 'size')).to.deep.equal([]);
    expect(getAccessRules(ItemsController, 'missing')).to.deep.equal([]);
  });

  it('returns a copy the caller cannot use to change the rules', () => {
    getAccessRules(ItemsController, 'remove').push({ kind: 'anonymous' });
    expect(getAccessRules(ItemsController, 'remove')).to.deep.equal([{ kind: 'login' }]);
  });

  it('drops the anonymous rule of a public function shared into another class under another name', () => {
    class Open {
      @allowAnonymous()
      ping(_req: object): string {
        return 'pong';
      }
    }
    class Shared {}
    Object.defineProperty(Shared.prototype, 'pong', { value: Open.prototype.ping, writable: true, configurable: true });
    expect(getAccessRules(Open, 'ping')).to.deep.equal([{ kind: 'anonymous' }]);
    expect(getAccessRules(Shared, 'pong')).to.deep.equal([]);
    expect(findUnguardedHandlers(Shared)).to.deep.equal(['pong']);
  });

  it('throws a TypeError for something that is not a class or a function', () => {
    const read = getAccessRules as (target: unknown, name?: string) => unknown;
    expect(() => read({}, 'remove')).to.throw(TypeError, /getAccessRules: expected a class or a function/);
  });
});

describe(inMode('findUnguardedHandlers(Class)'), () => {
  it('names the own and inherited methods with no rule, not the constructor, accessors or statics', () => {
    expect(findUnguardedHandlers(ItemsController)).to.deep.equal(['forgotten', 'inheritedOpen']);
  });

  it('returns an empty list when every handler carries a rule', () => {
    @loginRequiredAjax()
    class Guarded extends ItemsController {}
    expect(findUnguardedHandlers(Guarded)).to.deep.equal([]);
  });

  it('throws a TypeError for something that is not a class', () => {
    const find = findUnguardedHandlers as (target: unknown) => unknown;
    expect(() => find('ItemsController')).to.throw(TypeError, /findUnguardedHandlers: expected a class/);
  });
});

/** A caching decorator, in either mode, that copies the metadata of what it wraps (as a careful one does). */
function cached(...args: any[]): any {
  const wrap = (method: (...a: any[]) => unknown) => {
    const cache = new Map<unknown, unknown>();
    const wrapper = function (this: unknown, req: unknown) {
      if (!cache.has('answer')) cache.set('answer', Reflect.apply(method, this, [req]));
      return cache.get('answer');
    };
    for (const key of Reflect.getOwnMetadataKeys(method)) {
      Reflect.defineMetadata(key, Reflect.getOwnMetadata(key, method), wrapper);
    }
    return wrapper;
  };
  if (args.length === 2) return wrap(args[0]);
  const descriptor = args[2] as PropertyDescriptor;
  descriptor.value = wrap(descriptor.value);
  return descriptor;
}

describe(inMode('findUnguardedHandlers reports what runs'), () => {
  const REPORT = Symbol('report');

  class Reports {
    @cached
    @loginRequiredAjax()
    summary(req: { user?: { name: string } }): string {
      return `summary for ${req.user?.name}`;
    }

    @loginRequiredAjax()
    detail(_req: object): string {
      return 'detail';
    }

    [REPORT](_req: object): string {
      return 'symbol-named';
    }
  }

  it('lists a method whose outermost function is not a guard, whatever metadata it copied', () => {
    expect(getAccessRules(Reports, 'summary')).to.deep.equal([{ kind: 'login' }]);
    expect(findUnguardedHandlers(Reports)).to.include('summary');
    expect(findUnguardedHandlers(Reports)).not.to.include('detail');
  });

  it('is right to: the cache serves a signed-in answer to an anonymous caller', () => {
    const reports = new Reports();
    expect(reports.summary({ user: { name: 'alice' } })).to.equal('summary for alice');
    expect(reports.summary({})).to.equal('summary for alice');
  });

  it('lists a symbol-named method by its description', () => {
    expect(findUnguardedHandlers(Reports)).to.include('Symbol(report)');
  });

  describe('given an instance', () => {
    class Admin {
      readonly exportUsers = (_req: object): string[] => ['alice'];
      readonly guardedField = loginRequiredAjax()((_req: object) => 'guarded');
      readonly notAHandler = 42;

      @allowAnonymous()
      readonly ping = (_req: object): string => 'pong';

      @loginRequiredAjax()
      list(_req: object): string {
        return 'listed';
      }
    }

    it('also lists its function-valued own fields that no guard wraps and no mark makes public', () => {
      expect(findUnguardedHandlers(new Admin())).to.deep.equal(['exportUsers']);
    });

    it('lists nothing for an instance of a guarded class', () => {
      @loginRequiredAjax()
      class GuardedAdmin extends Admin {}
      expect(findUnguardedHandlers(new GuardedAdmin())).to.deep.equal([]);
    });

    it('lists the function fields of an object with no prototype, and never reads its accessors', () => {
      const read: string[] = [];
      const handlers = Object.create(null) as Record<string, unknown>;
      handlers.exportUsers = (_req: object) => ['alice'];
      Object.defineProperty(handlers, 'lazy', {
        get: () => {
          read.push('lazy');
          return (_req: object) => 'lazy';
        },
        enumerable: true,
      });
      expect(findUnguardedHandlers(handlers)).to.deep.equal(['exportUsers']);
      expect(read).to.deep.equal([]);
    });

    it('throws a TypeError for a primitive', () => {
      const find = findUnguardedHandlers as (target: unknown) => unknown;
      expect(() => find(42)).to.throw(TypeError, /findUnguardedHandlers: expected a class or an instance/);
    });
  });
});
