import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

/** The demo's entry point, compiled beside this file's directory. */
export const DEMO_MAIN = resolve(__dirname, '../../main.js');

/** What the demo prints first: the URL it listens on. */
const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+)/;

// Every wait is bounded: a demo that never starts or never stops fails the run, it does not hang it.
// `npm start` compiles the library, its browser client and the demo before it
// listens: on a busy machine that alone can take most of a minute.
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

/** A demo started as its own process, as a user starts it. */
export interface DemoProcess {
  /** The URL the demo printed. */
  readonly url: string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Ends it (and any process it started) and waits until it has exited. */
  stop(): Promise<void>;
}

async function waitForUrl(child: ChildProcess, stderr: () => string): Promise<string> {
  let stdout = '';
  return new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => fail(`printed no URL within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    function fail(reason: string): void {
      clearTimeout(timer);
      reject(new Error(`The demo ${reason}.\nstdout: ${stdout}\nstderr: ${stderr()}`));
    }
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = URL_LINE.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1] as string);
      }
    });
    child.once('exit', (code, signal) => fail(`exited (code ${code}, signal ${signal}) before printing its URL`));
  });
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  // The whole process group: `npm start` runs the demo in a child of its own.
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * Runs `command args` with `PORT=0` and resolves once it has printed the URL
 * it listens on.
 *
 * @example
 * const demo = await startDemo(process.execPath, [DEMO_MAIN, '--framework', 'koa']);
 * after(() => demo.stop());
 */
export async function startDemo(command: string, args: readonly string[]): Promise<DemoProcess> {
  const child = spawn(command, args, {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that stop() ends whatever it started too.
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const readStderr = (): string => stderr;
  try {
    const url = await waitForUrl(child, readStderr);
    return { url, stderr: readStderr, stop: () => stopGroup(child) };
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
}

/** How a demo run that ended, ended. */
export interface DemoExit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the demo with `args` and `env` (on top of this process's) until it
 * exits by itself, as it does when it cannot start.
 *
 * @example
 * const { code, stderr } = await runDemo(['--framework', 'django']);
 */
export async function runDemo(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<DemoExit> {
  const child = spawn(process.execPath, [DEMO_MAIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}
