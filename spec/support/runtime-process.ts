import { type ChildProcess, spawn } from 'node:child_process';
import { childEnv } from './child-env.js';

/** A server process a spec started, the port it printed, and how to stop it. */
export interface RuntimeProcess {
  /** `http://127.0.0.1:<port>`, with no trailing slash. */
  readonly url: string;
  /** Ends the process (its whole group) and waits, bounded, for it to exit. */
  stop(): Promise<void>;
}

// A server prints its port one of these ways: ours print "listening on N",
// Next.js prints its URL.
const PORT = /listening on (\d+)|http:\/\/127\.0\.0\.1:(\d+)/;

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  try {
    // The negative pid names the group the detached child leads: a runtime's own workers go with it.
    process.kill(-child.pid!, name);
  } catch {
    // Already gone.
  }
}

async function stop(child: ChildProcess): Promise<void> {
  signal(child, 'SIGTERM');
  if (!(await exited(child, 3000))) signal(child, 'SIGKILL');
  await exited(child, 3000);
}

/**
 * Starts a server process and resolves once it prints the port it listens
 * on; rejects with everything it printed when it exits first or prints no
 * port within `timeoutMs`.
 *
 * @example
 * const bun = await startRuntime(BUN, ['bun.ts'], { cwd: app });
 * after(() => bun.stop());
 */
export function startRuntime(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RuntimeProcess> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? childEnv(), detached: true });
  let printed = '';
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop(child).then(() => reject(new Error(`${command} ${args.join(' ')} ${why}:\n${printed}`)));
    };
    const timer = setTimeout(() => fail('printed no port in time'), options.timeoutMs ?? 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      printed += chunk;
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk;
      const match = PORT.exec(printed);
      if (match === null) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout!.removeAllListeners('data').resume();
      resolve({ url: `http://127.0.0.1:${match[1] ?? match[2]}`, stop: () => stop(child) });
    });
    child.once('exit', (code) => fail(`exited with ${code}`));
    child.once('error', (error) => fail(`failed to start (${error.message})`));
  });
}
