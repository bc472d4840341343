import { defaultHasPermission } from 'ajax-guard';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';
import { whilePolluted } from '../support/pollution.js';

describe(inMode('defaultHasPermission(user, perm)'), () => {
  describe('when the user has a hasPerm method (Django’s user.has_perm)', () => {
    it('asks it, with the user as this, and only true grants', () => {
      const user = {
        perms: ['items.view'],
        hasPerm(this: { perms: string[] }, perm: string) {
          return this.perms.includes(perm);
        },
      };
      expect(defaultHasPermission(user, 'items.view')).to.equal(true);
      expect(defaultHasPermission(user, 'items.delete')).to.equal(false);
    });

    it('refuses on an answer that is merely truthy', () => {
      expect(defaultHasPermission({ hasPerm: () => 1 }, 'items.view')).to.equal(false);
      expect(defaultHasPermission({ hasPerm: () => Promise.resolve(true) }, 'items.view')).to.equal(false);
    });

    it('finds it on the user’s class prototype', () => {
      class Admin {
        hasPerm(): boolean {
          return true;
        }
      }
      expect(defaultHasPermission(new Admin(), 'anything')).to.equal(true);
    });

    it('decides alone, whatever the permissions list says', () => {
      expect(defaultHasPermission({ hasPerm: () => false, permissions: ['items.view'] }, 'items.view')).to.equal(false);
    });
  });

  describe('when the user has a permissions list', () => {
    it('grants a permission in an array', () => {
      expect(defaultHasPermission({ permissions: ['items.view'] }, 'items.view')).to.equal(true);
      expect(defaultHasPermission({ permissions: ['items.view'] }, 'items.delete')).to.equal(false);
    });

    it('grants a permission in a Set', () => {
      expect(defaultHasPermission({ permissions: new Set(['items.view']) }, 'items.view')).to.equal(true);
      expect(defaultHasPermission({ permissions: new Set(['items.view']) }, 'items.delete')).to.equal(false);
    });

    it('reads it from a getter on the user’s class, with the user as this', () => {
      class Staff {
        readonly #granted = ['items.view'];
        get permissions(): readonly string[] {
          return this.#granted;
        }
      }
      expect(defaultHasPermission(new Staff(), 'items.view')).to.equal(true);
    });

    it('ignores one a plain object lends as a prototype', () => {
      expect(defaultHasPermission(Object.create({ permissions: ['items.view'] }), 'items.view')).to.equal(false);
      expect(defaultHasPermission(Object.create({ hasPerm: () => true }), 'items.view')).to.equal(false);
    });

    it('refuses when the list is another kind of value', () => {
      expect(defaultHasPermission({ permissions: 'items.view' }, 'items.view')).to.equal(false);
      expect(defaultHasPermission({ permissions: { 'items.view': true } }, 'items.view')).to.equal(false);
    });
  });

  describe('when the user has neither', () => {
    it('refuses', () => {
      expect(defaultHasPermission({}, 'items.view')).to.equal(false);
      expect(defaultHasPermission(null, 'items.view')).to.equal(false);
    });

    it('refuses even when Object.prototype is polluted with permissions', () => {
      const granted = whilePolluted({ permissions: ['items.view'], hasPerm: () => true }, () =>
        defaultHasPermission({}, 'items.view'),
      );
      expect(granted).to.equal(false);
    });
  });
});
