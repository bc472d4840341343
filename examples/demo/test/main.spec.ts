import { createServer } from 'node:net';
import { expect } from 'chai';
import { runDemo } from './support/demo-process.js';

// What a stack trace prints: a mistake on the command line must never show one.
const STACK_FRAME = /^\s+at /m;

describe('npm start, when the demo cannot start', () => {
  it('exits 2 with what to fix for an unknown framework', async () => {
    const { code, stdout, stderr } = await runDemo(['--framework', 'django']);
    expect(code).to.equal(2);
    expect(stdout).to.equal('');
    expect(stderr).to.match(/^ajax-guard demo: unknown framework "django": choose express, koa, fastify\n\nUsage: npm start/);
    expect(stderr).to.not.match(STACK_FRAME);
  });

  it('exits 2 with what to fix for a PORT that is not a port', async () => {
    const { code, stderr } = await runDemo([], { PORT: 'http' });
    expect(code).to.equal(2);
    expect(stderr).to.match(/^ajax-guard demo: PORT must be a number from 0 to 65535, got "http"\n/);
    expect(stderr).to.not.match(STACK_FRAME);
  });

  it('exits 1, saying how to choose another, when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const { code, stderr } = await runDemo(['--framework', 'koa'], { PORT: String(port) });
      expect(code).to.equal(1);
      expect(stderr).to.equal(`ajax-guard demo: port ${port} is in use; choose another, e.g. PORT=3001 npm start\n`);
    } finally {
      taken.close();
    }
  });

  it('prints its usage for --help, and exits 0', async () => {
    const { code, stdout } = await runDemo(['--help']);
    expect(code).to.equal(0);
    expect(stdout).to.match(/^Usage: npm start \[-- --framework express\|koa\|fastify\]/);
  });
});
