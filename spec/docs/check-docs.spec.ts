import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';

// Compiled into build/spec-legacy/docs: the repository is three levels up.
const root = resolve(__dirname, '..', '..', '..');
const checker = join(root, 'spec', 'docs', 'check-docs.mjs');

interface Run {
  readonly code: number | null;
  readonly output: string;
}

function check(fixture: string): Promise<Run> {
  return new Promise((done) => {
    const args = [checker, '--root', root, join(root, 'spec', 'fixtures', 'docs', fixture)];
    execFile(process.execPath, args, { cwd: root, timeout: 90_000 }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, output: stdout + stderr });
    });
  });
}

describe(inMode('npm run lint: the docs checker'), function () {
  this.timeout(120_000);
  let good: Run;
  let broken: Run;
  before(async () => {
    [good, broken] = await Promise.all([check('good.md'), check('broken.md')]);
  });

  describe('on docs whose code compiles and whose pointers name real tests', () => {
    it('exits 0', () => {
      expect(good.output).to.match(/0 compile errors, 0 broken pointers/);
      expect(good.code).to.equal(0);
    });

    it('compiles continued blocks, preludes and decorators, and lists the blocks marked nocheck', () => {
      expect(good.output).to.include('2 code blocks compiled (1 also with experimentalDecorators)');
      expect(good.output).to.include('1 marked nocheck (spec/fixtures/docs/good.md:28)');
      expect(good.output).to.include('1 spec pointers, 3 titles');
    });
  });

  describe('on docs that drifted', () => {
    it('exits 1', () => {
      expect(broken.code).to.equal(1);
    });

    it('names the Markdown line of a snippet that stopped compiling, with the compiler error', () => {
      expect(broken.output).to.include("broken.md:6 [tc39] TS2322: Type 'number' is not assignable to type 'string'.");
    });

    it('compiles decorated snippets with standard decorators too', () => {
      expect(broken.output).to.match(/broken\.md:14 \[tc39\] TS1241/);
      expect(broken.output).not.to.match(/broken\.md:\d+ \[legacy\]/);
    });

    it('names a cited test title that no longer exists, and a cited spec file that is gone', () => {
      expect(broken.output).to.include(
        'broken.md:19 spec/fixtures/docs/cited.ts has no test titled "answers 403 and never runs the handler"',
      );
      expect(broken.output).to.include('broken.md:20 spec/fixtures/docs/gone.spec.ts does not exist');
      expect(broken.output).not.to.include('"when a caller is anonymous"');
    });
  });

  describe("on the README's API in brief", () => {
    interface ApiExports {
      loadExports(root: string): Map<string, string[]>;
      unmentionedExports(entries: Map<string, string[]>, text: string): { entry: string; name: string }[];
    }
    let api: ApiExports;
    before(async () => {
      api = (await import(join(root, 'spec', 'docs', 'api-exports.mjs'))) as ApiExports;
    });

    it('reads the run-time exports of every entry point of the package', () => {
      const entries = api.loadExports(root);
      expect(entries.get('ajax-guard')).to.include('loginRequiredAjax');
      expect(entries.get('ajax-guard/express')).to.include.members(['toHandler', 'send', 'toMiddleware']);
    });

    it('names an export the README does not mention in backquotes', () => {
      const entries = new Map([['ajax-guard/koa', ['toHandler', 'send', 'toMiddleware']]]);
      const text = 'Use `toHandler(fn)` and `send(ctx, response)`; toMiddleware in prose does not count.';
      expect(api.unmentionedExports(entries, text)).to.deep.equal([{ entry: 'ajax-guard/koa', name: 'toMiddleware' }]);
    });
  });
});
