import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { childEnv } from '../support/child-env.js';
import { run } from '../support/run-command.js';
import { type RuntimeProcess, startRuntime } from '../support/runtime-process.js';

// The deepest folder holding both paths: Turbopack compiles nothing outside
// its root, and the project's linked packages live in this repository.
function commonAncestor(a: string, b: string): string {
  const left = a.split(sep);
  const right = b.split(sep);
  let shared = 0;
  while (shared < left.length && left[shared] === right[shared]) shared += 1;
  return left.slice(0, shared).join(sep) || sep;
}

// What only this test needs, not an app: the Turbopack root above, and no
// type check of its own (tsc already checked the app).
function prepareForTest(project: string, app: string): void {
  const root = commonAncestor(project, realpathSync(join(project, 'node_modules', 'next')));
  const config = { turbopack: { root }, typescript: { ignoreBuildErrors: true } };
  writeFileSync(join(app, 'next.config.mjs'), `export default ${JSON.stringify(config)};\n`);
}

// CI=1: a missing package fails the build instead of being installed.
const ENV = childEnv({ CI: '1', NEXT_TELEMETRY_DISABLED: '1' });
const nextBin = (project: string) => join(project, 'node_modules', 'next', 'dist', 'bin', 'next');

/**
 * Builds the Next.js app in `project/next` once with `next build`, then
 * starts it with `next start` on a free port.
 *
 * @example
 * const next = await buildAndStartNext(project);
 * after(() => next.stop());
 */
export function buildAndStartNext(project: string): Promise<RuntimeProcess> {
  const app = join(project, 'next');
  prepareForTest(project, app);
  run(process.execPath, [nextBin(project), 'build'], app, { env: ENV, timeoutMs: 240_000 });
  return startRuntime(process.execPath, [nextBin(project), 'start', '-H', '127.0.0.1', '-p', '0'], { cwd: app, env: ENV });
}

/**
 * Builds one route of the Next.js app with the tsconfig.json a new Next.js
 * project has, without `experimentalDecorators`, and returns the build's
 * exit status and everything it printed.
 *
 * @example
 * expect(buildWithDefaultTsconfig(project).status).to.equal(1);
 */
export function buildWithDefaultTsconfig(project: string): { status: number | null; output: string } {
  const app = join(project, 'next-default');
  cpSync(join(project, 'next', 'app', 'node', 'me'), join(app, 'app', 'node', 'me'), { recursive: true });
  const tsconfig = JSON.parse(readFileSync(join(project, 'next', 'tsconfig.json'), 'utf8'));
  delete tsconfig.compilerOptions.experimentalDecorators;
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(tsconfig));
  prepareForTest(project, app);
  const build = spawnSync(process.execPath, [nextBin(project), 'build'], {
    cwd: app,
    env: ENV,
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: build.status, output: `${build.stdout}${build.stderr}` };
}
