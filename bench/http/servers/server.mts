/**
 * One variant's server in a process of its own, started by the orchestrator
 * as `server.mjs <framework> <variant>`: it tells the parent its port, then
 * measures its own CPU time between the parent's `start` and `stop`.
 */
import type { AddressInfo } from 'node:net';
import { answer, fail } from '../orchestrate/answer.mjs';
import { isPeer } from '../orchestrate/plan.mjs';
import type { Start } from './scenario.mjs';

/** What the server reports on `stop`: its own accounting since `start`. */
export interface ServerUsage {
  /** CPU time, user plus system, in microseconds. */
  readonly cpuMicros: number;
  /** Wall-clock time in microseconds. */
  readonly wallMicros: number;
}

const [framework = '', variant = ''] = process.argv.slice(2);

// The peers need legacy decorators: they are compiled to a tree of their own.
async function starter(): Promise<Start | undefined> {
  if (isPeer(variant)) {
    const peer = await import(`../../../bench-legacy/http/peers/${variant}.mjs`);
    return (peer.frameworks as Record<string, Start>)[framework];
  }
  const server = await import(`./${framework}.mjs`);
  return (server.variants as Record<string, Start>)[variant];
}

let since: { cpu: NodeJS.CpuUsage; wall: bigint } | undefined;

try {
  const start = await starter();
  if (start === undefined) throw new Error(`no ${variant} server for ${framework}`);
  const { port } = (await start()).address() as AddressInfo;
  answer(
    {
      start: () => {
        since = { cpu: process.cpuUsage(), wall: process.hrtime.bigint() };
      },
      // A graceful exit, so that `node --cpu-prof` writes its profile.
      exit: () => {
        setImmediate(() => process.exit(0));
      },
      stop: (): ServerUsage => {
        if (since === undefined) throw new Error('stop before start');
        const { user, system } = process.cpuUsage(since.cpu);
        return { cpuMicros: user + system, wallMicros: Number(process.hrtime.bigint() - since.wall) / 1000 };
      },
    },
    { port },
  );
} catch (error) {
  fail(error);
}
