/** Where the runtimes the servers run on are: this Node, and Bun from its npm packages. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Framework, runtimeOf } from './plan.mjs';

// build/bench/http/orchestrate → the repository's node_modules.
const modules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'node_modules');

// npm skips the bun package's install script: its platform package holds the
// binary; where the script did run, it moved the binary into the package.
const BUN_CANDIDATES = [path.join(modules, '@oven', 'bun-linux-x64', 'bin', 'bun'), path.join(modules, 'bun', 'bin', 'bun.exe')];

/** The executable that runs `framework`'s servers. */
export function executableFor(framework: Framework): string {
  if (runtimeOf(framework) === 'node') return process.execPath;
  const bun = BUN_CANDIDATES.find((candidate) => existsSync(candidate));
  if (bun === undefined) throw new Error(`Bun is not installed (looked for ${BUN_CANDIDATES.join(', ')}): run npm install`);
  return bun;
}
