import { expect } from 'chai';
import { findUserById, verifyPassword } from '../users.js';

describe("the demo's users", () => {
  describe('verifyPassword(username, password)', () => {
    it('finds alice, with items.delete, and bob, without', () => {
      expect(verifyPassword('alice', 'alice')).to.deep.equal({ id: 1, username: 'alice', permissions: ['items.delete'] });
      expect(verifyPassword('bob', 'bob')).to.deep.equal({ id: 2, username: 'bob', permissions: [] });
    });

    for (const [username, password] of [
      ['alice', 'bob'],
      ['alice', ''],
      ['alice', 'alice '],
      ['Alice', 'alice'],
      ['mallory', ''],
    ]) {
      it(`finds nobody for ${JSON.stringify(username)} with ${JSON.stringify(password)}`, () => {
        expect(verifyPassword(username as string, password as string)).to.equal(undefined);
      });
    }
  });

  describe('findUserById(id)', () => {
    it('finds the user a session refers to', () => {
      expect(findUserById(2)?.username).to.equal('bob');
    });

    it('finds nobody for an id that is not a user', () => {
      expect([findUserById(3), findUserById('1'), findUserById(undefined)]).to.deep.equal([undefined, undefined, undefined]);
    });
  });

  it('gives out users that cannot be changed', () => {
    const alice = verifyPassword('alice', 'alice');
    expect(Object.isFrozen(alice)).to.equal(true);
  });
});
