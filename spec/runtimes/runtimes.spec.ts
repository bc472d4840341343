import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { childEnv } from '../support/child-env.js';
import { installPacked, packTarball, repositoryRoot } from '../support/packed-tarball.js';
import { run } from '../support/run-command.js';
import { type RuntimeProcess, startRuntime } from '../support/runtime-process.js';
import { itGuardsWithMiddleware, itServesTheApp, type RuntimeTraits } from './fetch-app-contract.js';
import { buildAndStartNext, buildWithDefaultTsconfig } from './next-app.js';

const APPS = join(repositoryRoot, 'spec', 'runtimes', 'apps');
const MODULES = join(repositoryRoot, 'node_modules');
// The binaries ship in the platform packages. Where npm runs the `bun` and
// `deno` packages' install scripts, those move or link them into the main
// package (bun's moves its binary away); where it skips them, only the
// platform package has one.
const firstExisting = (...paths: string[]): string => paths.find((path) => existsSync(path)) ?? (paths[0] as string);
const BUN = firstExisting(join(MODULES, '@oven', 'bun-linux-x64', 'bin', 'bun'), join(MODULES, 'bun', 'bin', 'bun.exe'));
const DENO = firstExisting(join(MODULES, '@deno', 'linux-x64-glibc', 'deno'), join(MODULES, 'deno', 'deno'));
const TSC = join(MODULES, 'typescript', 'bin', 'tsc');

const LINKED = [
  'reflect-metadata',
  'typescript',
  '@types/node',
  'next',
  'react',
  'react-dom',
  '@types/react',
  'vitest',
  'esbuild',
  'hono',
  '@hono/node-server',
];
const DIRECT: RuntimeTraits = { contentLength: true, mergesVary: false };

// One runtime's server for the duration of a describe: started once, stopped after.
function serve(start: () => Promise<RuntimeProcess>): () => { url: string; prefix: string } {
  let server: RuntimeProcess | undefined;
  before(async () => {
    server = await start();
  });
  after(() => server?.stop());
  return () => ({ url: server!.url, prefix: '' });
}

describe('the packed tarball serving one small app on real runtimes', function () {
  this.timeout(60_000);
  let base: string;
  let project: string;

  before(function () {
    this.timeout(120_000);
    base = mkdtempSync(join(tmpdir(), 'ajax-guard-runtimes-'));
    project = join(base, 'project');
    installPacked(project, packTarball(base), LINKED);
    writeFileSync(join(project, 'package.json'), '{"name":"runtimes","private":true,"type":"module"}');
    cpSync(APPS, project, { recursive: true });
    // Both Node.js servers, the plain one and Hono's, compiled once.
    run(process.execPath, [TSC, '-p', 'tsconfig.node.json'], project);
  });

  after(() => rmSync(base, { recursive: true, force: true }));

  describe("on Node.js's own HTTP server, compiled by tsc with standard decorators", () => {
    const served = serve(() => startRuntime(process.execPath, [join('out', 'fetch', 'node.js')], { cwd: project }));
    itServesTheApp(served, DIRECT);
  });

  describe('in Hono on @hono/node-server, compiled by tsc with standard decorators', () => {
    const served = serve(() => startRuntime(process.execPath, [join('out', 'hono', 'node.js')], { cwd: project }));
    itServesTheApp(served, DIRECT);
    itGuardsWithMiddleware(served);
  });

  describe('in Hono on Bun.serve, from the TypeScript source', () => {
    const served = serve(() => startRuntime(BUN, ['bun.ts'], { cwd: join(project, 'hono') }));
    itServesTheApp(served, DIRECT);
    itGuardsWithMiddleware(served);
  });

  describe('on Bun.serve, from the TypeScript source', () => {
    const served = serve(() => startRuntime(BUN, ['bun.ts'], { cwd: join(project, 'fetch') }));
    itServesTheApp(served, DIRECT);
  });

  describe('on Deno.serve, from the TypeScript source', () => {
    const served = serve(() => {
      const env = childEnv({ DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(base, 'deno-cache') });
      return startRuntime(DENO, ['run', '--allow-net=127.0.0.1', '--allow-read', 'deno.ts'], {
        cwd: join(project, 'fetch'),
        env,
      });
    });
    itServesTheApp(served, DIRECT);
  });

  describe('in Next.js App Router route handlers with experimentalDecorators, built once', function () {
    this.timeout(300_000);
    const served = serve(() => buildAndStartNext(project));
    const next: RuntimeTraits = { contentLength: false, mergesVary: true };

    describe('on the Node.js runtime', () => itServesTheApp(() => ({ ...served(), prefix: '/node' }), next));
    describe('on the edge runtime', () => itServesTheApp(() => ({ ...served(), prefix: '/edge' }), next));
  });

  describe("in Next.js with a new project's tsconfig, without experimentalDecorators", function () {
    this.timeout(300_000);

    it('fails the build with a TypeError that says to set experimentalDecorators', () => {
      const { status, output } = buildWithDefaultTsconfig(project);
      expect(status, output).to.equal(1);
      expect(output).to.match(
        /TypeError: @\w+\(\) was applied as a 2018-09 proposal decorator[^\n]*"experimentalDecorators": true in tsconfig\.json/,
      );
    });
  });

  describe('in vitest 4 unit tests', () => {
    const CONFIGS = { legacy: 'vitest.config.ts', tc39: 'vitest.tc39.config.ts' };
    for (const [mode, config] of Object.entries(CONFIGS)) {
      it(`runs a guarded handler's tests with ${mode} decorators (${config})`, () => {
        const report = join(base, `vitest-${mode}.json`);
        const vitest = join(project, 'node_modules', 'vitest', 'vitest.mjs');
        run(
          process.execPath,
          [vitest, 'run', '--config', config, '--reporter=json', `--outputFile=${report}`],
          join(project, 'vitest'),
        );
        const results = JSON.parse(readFileSync(report, 'utf8'));
        expect(results).to.include({ success: true, numTotalTests: 4, numPassedTests: 4 });
      });
    }
  });
});
