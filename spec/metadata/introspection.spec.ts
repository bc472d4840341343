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
