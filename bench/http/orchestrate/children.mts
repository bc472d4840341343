/**
 * The parent's side of the child processes: each is pinned to a core where
 * `taskset` exists, talks over IPC (see answer.mts), and every wait on it is
 * bounded. Every child started is killed at the end, on error and on a
 * signal too.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const live = new Set<ChildProcess>();
// Each child's output goes to a file of its own, read only when it dies or
// when asked for (V8's traces): a pipe would make this process read every
// line a peer logs (routing-controllers logs a stack per refusal), on a core
// it shares with what is measured.
const logs = mkdtempSync(path.join(tmpdir(), 'ajax-guard-bench-'));
let logged = 0;

/** True when util-linux's `taskset` can pin a process here. */
export const canPin: boolean = spawnSync('taskset', ['-c', '0', process.execPath, '-e', '0']).status === 0;

/** A running child: `call` sends it a command and waits, at most `timeoutMs`, for the reply. */
export interface Child {
  readonly info: unknown;
  /** Its process id (under `taskset` or valgrind too: both run the program in their own process). */
  readonly pid: number;
  /** The file the child's stdout and stderr go to, appended to (dropped by `killAll`). */
  readonly log: string;
  call<T>(command: string, args: unknown, timeoutMs: number): Promise<T>;
  /** Asks the child to exit on its own (so a profiler writes its file), killing it after `timeoutMs`. */
  exit(timeoutMs: number): Promise<void>;
  /** Kills the child now. */
  kill(): void;
}

interface Reply {
  readonly id?: number;
  readonly result?: unknown;
  readonly error?: string;
  readonly ready?: unknown;
  readonly failed?: string;
}

// The end of what a child wrote to stderr, for the error that reports its
// death (none once killAll has dropped the logs).
function tailOf(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const size = statSync(file).size;
    const tail = Buffer.alloc(Math.min(size, 4000));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    return tail.toString().trim();
  } finally {
    closeSync(fd);
  }
}

/**
 * Starts `runtime ...runtimeOptions script ...args` on `core` (when pinning
 * works) with an IPC channel, and resolves once it says it is ready, within
 * `timeoutMs`. The runtime is this Node unless given (Bun speaks Node's IPC).
 */
export function spawnChild(
  script: string,
  args: readonly string[],
  core: number,
  timeoutMs: number,
  runtimeOptions: readonly string[] = [],
  runtime: string = process.execPath,
): Promise<Child> {
  const command = [...runtimeOptions, script, ...args];
  const argv = canPin ? ['-c', String(core), runtime, ...command] : command;
  const log = path.join(logs, `${logged++}.log`);
  // Appended to, so that a line the parent adds lands after what the child wrote.
  const output = openSync(log, 'a');
  const child = spawn(canPin ? 'taskset' : runtime, argv, {
    stdio: ['ignore', output, output, 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  closeSync(output);
  live.add(child);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const name = `${script} ${args.join(' ')}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise<Child>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} was not ready within ${timeoutMs} ms`)), timeoutMs);
    child.on('exit', (code, signal) => {
      live.delete(child);
      clearTimeout(timer);
      const error = new Error(`${name} exited (${signal ?? code}) ${tailOf(log)}`);
      reject(error);
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
    child.on('error', reject);
    child.on('message', (reply: Reply) => {
      if ('failed' in reply) return reject(new Error(`${name} failed: ${reply.failed}`));
      if ('ready' in reply) {
        clearTimeout(timer);
        return resolve({ info: reply.ready, pid: child.pid as number, log, call, exit, kill: () => child.kill('SIGKILL') });
      }
      const waiting = pending.get(reply.id ?? -1);
      pending.delete(reply.id ?? -1);
      if (reply.error !== undefined) waiting?.reject(new Error(`${name}: ${reply.error}`));
      else waiting?.resolve(reply.result);
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  async function exit(timeoutMs: number): Promise<void> {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    if (child.connected) child.send({ id: nextId++, command: 'exit', args: null });
    await exited;
    clearTimeout(timer);
  }

  function call<T>(command: string, args: unknown, timeoutMs: number): Promise<T> {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${name}: no answer to ${command} within ${timeoutMs} ms`));
      }, timeoutMs);
      const settle =
        <V,>(then: (value: V) => void) =>
        (value: V) => {
          clearTimeout(timer);
          then(value);
        };
      pending.set(id, { resolve: settle(resolve as (value: unknown) => void), reject: settle(reject) });
      child.send({ id, command, args });
    });
  }
}

/** Kills every child still running, at once (they hold no state worth a graceful stop), and drops their logs. */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
  rmSync(logs, { recursive: true, force: true });
}

// A run that throws, exits or is interrupted leaves no server or load generator behind.
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}
