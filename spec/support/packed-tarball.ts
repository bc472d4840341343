import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository's root, whichever build/spec-* folder this file was compiled into. */
export const repositoryRoot = resolve(__dirname, '..', '..', '..');

/**
 * Packs the repository as `npm publish` would and returns the tarball's path.
 *
 * @example
 * const tarball = packTarball(mkdtempSync(join(tmpdir(), 'pack-')));
 */
export function packTarball(into: string): string {
  const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', into], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return join(into, (JSON.parse(output) as { filename: string }[])[0]!.filename);
}

/**
 * Lays `tarball` out in `project/node_modules/ajax-guard` as npm installs it,
 * and links each of `packages` from this repository's node_modules beside it,
 * so a consumer project needs no network.
 *
 * @example
 * installPacked(dir, tarball, ['reflect-metadata']);
 */
export function installPacked(project: string, tarball: string, packages: readonly string[]): void {
  const installed = join(project, 'node_modules', 'ajax-guard');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  for (const name of packages) {
    const link = join(project, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(repositoryRoot, 'node_modules', name), link);
  }
}
