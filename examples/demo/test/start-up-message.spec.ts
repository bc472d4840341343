import { expect } from 'chai';
import { startUpMessage } from '../start-up-message.js';
import { verifyPassword } from '../users.js';

describe('what npm start prints once the demo listens', () => {
  const message = startUpMessage('koa', 'http://127.0.0.1:3001');

  it('says on its first line which framework serves the demo, and where', () => {
    expect(message.split('\n')[0]).to.equal('ajax-guard demo on koa: http://127.0.0.1:3001');
  });

  it('says what to open, and how to stop it', () => {
    expect(message).to.include('Open http://127.0.0.1:3001 in a browser');
    expect(message).to.include('Ctrl+C stops it');
  });

  it('names accounts that sign in, with the permissions it says they have', () => {
    expect(message).to.include('alice / alice').and.include('bob / bob');
    expect(verifyPassword('alice', 'alice')?.permissions).to.include('items.delete');
    expect(verifyPassword('bob', 'bob')?.permissions).to.not.include('items.delete');
  });

  it('walks through the 401, the 403 and the redirect', () => {
    expect(message).to.match(/401 JSON/);
    expect(message).to.match(/403 JSON \(PERMISSION_DENIED\)/);
    expect(message).to.include('/login?next=%2Faccount');
  });
});
