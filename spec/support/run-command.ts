import { execFileSync } from 'node:child_process';
import { childEnv } from './child-env.js';

/** Where a command runs: its environment (`childEnv()` unless told), and how long it may take (two minutes unless told). */
export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/**
 * Runs a command to completion and returns what it printed; on failure or
 * timeout the error carries its output, not just its exit code.
 *
 * @example
 * run(process.execPath, [tsc, '-p', dir], dir);
 */
export function run(command: string, args: readonly string[], cwd: string, options: RunOptions = {}): string {
  const { env = childEnv(), timeoutMs = 120_000 } = options;
  try {
    return execFileSync(command, args, { cwd, env, timeout: timeoutMs, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[command, ...args].join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}
