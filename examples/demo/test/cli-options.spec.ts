import { expect } from 'chai';
import { readOptions, UsageError } from '../cli-options.js';

describe("the demo's command line: readOptions(args, env)", () => {
  it('runs Express on port 3000 by default', () => {
    expect(readOptions([], {})).to.deep.equal({ framework: 'express', port: 3000, now: undefined, help: false });
  });

  it('reads a fixed time for the timestamps from --now', () => {
    expect(readOptions(['--now', '1764000000000'], {}).now).to.equal(1764000000000);
  });

  for (const now of ['soon', '-1', '1.5', '']) {
    it(`refuses --now ${JSON.stringify(now)}`, () => {
      expect(() => readOptions([`--now=${now}`], {})).to.throw(
        UsageError,
        `--now must be a Unix time in milliseconds, got "${now}"`,
      );
    });
  }

  for (const args of [['--framework', 'koa'], ['--framework=koa'], ['-f', 'koa'], ['--framework', 'Koa']]) {
    it(`reads the framework from ${args.join(' ')}`, () => {
      expect(readOptions(args, {}).framework).to.equal('koa');
    });
  }

  it('reads the port from PORT, 0 included', () => {
    expect(readOptions([], { PORT: '8080' }).port).to.equal(8080);
    expect(readOptions([], { PORT: '0' }).port).to.equal(0);
  });

  it('asks for help with --help', () => {
    expect(readOptions(['--help'], {}).help).to.equal(true);
  });

  it('refuses an unknown framework, naming the ones there are', () => {
    expect(() => readOptions(['--framework', 'django'], {})).to.throw(
      UsageError,
      'unknown framework "django": choose express, koa, fastify',
    );
  });

  for (const port of ['', 'abc', '-1', '1.5', '65536', '99999', ' 80', '0x50']) {
    it(`refuses PORT=${JSON.stringify(port)}`, () => {
      expect(() => readOptions([], { PORT: port })).to.throw(UsageError, `PORT must be a number from 0 to 65535, got "${port}"`);
    });
  }

  for (const args of [['--frame', 'koa'], ['koa'], ['--framework']]) {
    it(`refuses ${JSON.stringify(args.join(' '))}`, () => {
      expect(() => readOptions(args, {})).to.throw(UsageError);
    });
  }
});
