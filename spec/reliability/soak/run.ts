/**
 * `npm run soak [-- --duration <seconds>] [-- --connections <n>]`: each
 * adapter's app (the reliability specs', see server.ts) under sustained load on 127.0.0.1, the
 * server and the load each in a process of their own. Per adapter: a short
 * warm-up, the server's heap after a forced GC, `duration` seconds (60 by
 * default) of mixed signed-in, anonymous and failing requests, the heap
 * again. Exits 1 on any wrong answer, connection error, timeout, crash in the
 * server, or heap growth over 10%.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { LoadReport } from './load.js';
import { ADAPTERS, type HeapReport } from './server.js';

const MAX_HEAP_GROWTH = 0.1;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '16' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
if (!Number.isInteger(duration) || duration < 1 || duration > 3600) {
  throw new TypeError(`--duration must be a whole number of seconds from 1 to 3600, got ${values.duration}`);
}
if (!Number.isInteger(connections) || connections < 1 || connections > 256) {
  throw new TypeError(`--connections must be a whole number from 1 to 256, got ${values.connections}`);
}
// Long enough to compile every path before the first heap is taken.
const warmUp = Math.min(5, Math.max(1, Math.round(duration / 5)));

const script = (name: string): string => path.join(__dirname, name);
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill();
});

function start(path: string, args: string[], execArgv: string[] = []): ChildProcess {
  const child = fork(script(path), args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

// The next message of `type` from `child`, or a rejection when it exits or
// `limitMs` passes first: no step of the soak can hang.
function next<T>(child: ChildProcess, type: string, limitMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanUp();
      child.kill();
      reject(new Error(`no ${type} message within ${limitMs} ms`));
    }, limitMs);
    const onMessage = (message: { type?: string }) => {
      if (message.type !== type) return;
      cleanUp();
      resolve(message as T);
    };
    const onExit = (code: number | null) => {
      cleanUp();
      reject(new Error(`the process exited (${code}) before its ${type} message`));
    };
    const cleanUp = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function load(url: string, seconds: number): Promise<LoadReport> {
  const child = start('load.js', [url, String(seconds), String(connections)]);
  const report = await next<LoadReport>(child, 'load', (seconds + 30) * 1000);
  await once(child, 'exit');
  return report;
}

// The server's heap after a forced GC, and the crashes it saw.
function heapOf(server: ChildProcess): Promise<HeapReport> {
  const report = next<HeapReport>(server, 'heap', 30_000);
  server.send({ type: 'heap' });
  return report;
}

interface AdapterResult {
  readonly adapter: string;
  readonly load: LoadReport;
  readonly heapStart: number;
  readonly heapEnd: number;
  readonly crashes: readonly string[];
}

async function soak(adapter: string): Promise<AdapterResult> {
  const server = start('server.js', [adapter], ['--expose-gc']);
  try {
    const { url } = await next<{ url: string }>(server, 'listening', 30_000);
    const warm = await load(url, warmUp);
    const heapStart = (await heapOf(server)).heapUsed;
    const measured = await load(url, duration);
    const end = await heapOf(server);
    server.send({ type: 'stop' });
    await once(server, 'exit');
    // Warm-up answers are checked as strictly as the rest.
    const total: LoadReport = {
      type: 'load',
      served: measured.served,
      errors: warm.errors + measured.errors,
      timeouts: warm.timeouts + measured.timeouts,
      samples: [...warm.samples, ...measured.samples],
    };
    return { adapter, load: total, heapStart, heapEnd: end.heapUsed, crashes: end.crashes };
  } finally {
    server.kill();
  }
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const pad = (text: string | number, width: number): string => String(text).padStart(width);

console.log(`ajax-guard soak: ${duration} s per adapter after ${warmUp} s of warm-up, ${connections} connections, 127.0.0.1`);
console.log(
  `${'adapter'.padEnd(8)}${pad('requests', 10)}${pad('req/s', 8)}${pad('errors', 8)}${pad('timeouts', 10)}${pad('crashes', 9)}${pad('heap start', 12)}${pad('heap end', 10)}${pad('growth', 9)}`,
);
async function main(): Promise<void> {
  let failed = false;
  for (const adapter of Object.keys(ADAPTERS)) {
    const { load: report, heapStart, heapEnd, crashes } = await soak(adapter);
    const growth = (heapEnd - heapStart) / heapStart;
    console.log(
      `${adapter.padEnd(8)}${pad(report.served, 10)}${pad(Math.round(report.served / duration), 8)}${pad(report.errors, 8)}${pad(report.timeouts, 10)}${pad(crashes.length, 9)}${pad(mb(heapStart), 12)}${pad(mb(heapEnd), 10)}${pad(`${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%`, 9)}`,
    );
    for (const sample of [...report.samples, ...crashes]) console.log(`  ${sample}`);
    if (report.errors > 0 || report.timeouts > 0 || crashes.length > 0 || growth > MAX_HEAP_GROWTH || report.served === 0) {
      failed = true;
    }
  }
  console.log(failed ? 'soak: FAILED' : 'soak: passed (no error, no timeout, no crash, heap growth within 10%)');
  process.exitCode = failed ? 1 : 0;
}

void main();
