/**
 * One soak server, in a process of its own so that its heap is its alone:
 * `node --expose-gc server.mjs <adapter>`, forked by soak.mjs. It reports its
 * URL, answers `heap` with its heap after a forced GC (and any crash it saw),
 * and exits on `stop` or when its parent goes.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { APPS } from './apps.mjs';

export interface HeapReport {
  readonly type: 'heap';
  readonly heapUsed: number;
  /** Unhandled rejections and uncaught exceptions seen so far. */
  readonly crashes: readonly string[];
}

const crashes: string[] = [];
process.on('unhandledRejection', (reason) => crashes.push(`unhandled rejection: ${String(reason)}`));
process.on('uncaughtException', (error) => crashes.push(`uncaught exception: ${String(error)}`));
process.on('disconnect', () => process.exit(0));

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run the soak server with node --expose-gc');

const start = APPS[process.argv[2] ?? ''];
if (start === undefined) throw new Error(`unknown adapter ${process.argv[2]}; expected one of ${Object.keys(APPS).join(', ')}`);
const server = await start();

// The least of a few full collections, each after pending callbacks ran.
async function heapAfterGc(): Promise<number> {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    await nextTurn();
    gc?.();
    least = Math.min(least, process.memoryUsage().heapUsed);
  }
  return least;
}

process.on('message', async (message: { type: string }) => {
  if (message.type === 'heap') {
    const report: HeapReport = { type: 'heap', heapUsed: await heapAfterGc(), crashes };
    process.send?.(report);
  } else if (message.type === 'stop') {
    await server.close();
    process.exit(0);
  }
});
process.send?.({ type: 'listening', url: server.url });
