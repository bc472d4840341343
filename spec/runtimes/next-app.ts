import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
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
// type check of its own (tsc already checked the app). Next.js requires
// @types/react for any TypeScript project; this app has no React code, so
// an empty one stands in rather than letting Next.js install it.
function prepareForTest(project: string, app: string): void {
  const root = commonAncestor(project, realpathSync(join(project, 'node_modules', 'next')));
  const config = { turbopack: { root }, typescript: { ignoreBuildErrors: true } };
  writeFileSync(join(app, 'next.config.mjs'), `export default ${JSON.stringify(config)};\n`);
  const types = join(project, 'node_modules', '@types', 'react');
  mkdirSync(types, { recursive: true });
  writeFileSync(join(types, 'package.json'), '{"name":"@types/react","version":"19.0.0","types":"index.d.ts"}');
  writeFileSync(join(types, 'index.d.ts'), 'export {};\n');
}

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
  // CI=1: a missing package fails the build instead of being installed.
  const env = childEnv({ CI: '1', NEXT_TELEMETRY_DISABLED: '1' });
  const bin = join(project, 'node_modules', 'next', 'dist', 'bin', 'next');
  run(process.execPath, [bin, 'build'], app, { env, timeoutMs: 240_000 });
  return startRuntime(process.execPath, [bin, 'start', '-H', '127.0.0.1', '-p', '0'], { cwd: app, env });
}
