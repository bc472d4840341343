/** One measurement: a variant under load on one case, seen from the client and from the server's own accounting. */
import type { Child } from '../orchestrate/children.mjs';
import { type Case, expectedStatus, type Framework } from '../orchestrate/plan.mjs';
import type { ServerUsage } from '../servers/server.mjs';
import type { LoadRequest, LoadResult } from './load.mjs';

/** A variant's server, running. */
export interface Target {
  readonly framework: Framework;
  readonly variant: string;
  readonly url: string;
  readonly server: Child;
}

/** One stretch of measured load: what the client saw, and the server's own usage meanwhile. */
export interface Part {
  readonly load: LoadResult;
  readonly usage: ServerUsage;
}

/** What one round found for a variant on a case, over all its parts. */
export interface Sample {
  readonly round: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The server's CPU time (user + system) per response, from its own `process.cpuUsage()`. */
  readonly cpuMicrosPerRequest: number;
  /** The server's CPU time over wall time while measured: near 1 when it was the bottleneck. */
  readonly serverCpuShare: number;
  readonly requests: number;
  readonly errors: number;
}

const CONTROL_TIMEOUT_MS = 5_000;
// Past the run itself: autocannon's own request timeout is 10 s.
const loadTimeout = (seconds: number): number => seconds * 1000 + 15_000;

function request(target: Target, c: Case, connections: number, duration: number): LoadRequest {
  return { url: target.url + c.route, headers: { ...c.headers }, connections, duration };
}

// A variant that answered anything but its case's status measured something else.
function checkStatuses(target: Target, c: Case, result: LoadResult): void {
  const expected = String(expectedStatus(target.variant, c));
  if (Object.keys(result.statuses).some((status) => status !== expected)) {
    throw new Error(
      `${target.framework} ${target.variant} (${c.key}) answered ${JSON.stringify(result.statuses)}, expected only ${expected}`,
    );
  }
}

/** Unmeasured load, to let the JIT and the connections settle; none for 0 seconds. */
export async function warm(target: Target, c: Case, load: Child, connections: number, seconds: number): Promise<void> {
  if (seconds === 0) return;
  const result = await load.call<LoadResult>('run', request(target, c, connections, seconds), loadTimeout(seconds));
  checkStatuses(target, c, result);
}

/** Measures `target` on `c` for `seconds`, the server counting its own CPU time meanwhile. */
export async function measure(target: Target, c: Case, load: Child, connections: number, seconds: number): Promise<Part> {
  await target.server.call('start', null, CONTROL_TIMEOUT_MS);
  const result = await load.call<LoadResult>('run', request(target, c, connections, seconds), loadTimeout(seconds));
  const usage = await target.server.call<ServerUsage>('stop', null, CONTROL_TIMEOUT_MS);
  checkStatuses(target, c, result);
  return { load: result, usage };
}

// The halves of one measurement merge before percentiles are read.
function merged(parts: readonly Part[]): Map<number, number> {
  const into = new Map<number, number>();
  for (const part of parts) for (const [micros, count] of part.load.latencies) into.set(micros, (into.get(micros) ?? 0) + count);
  return into;
}

/** The latency in milliseconds below which `fraction` of the responses came, or 0 for none. */
export function percentile(histogram: Map<number, number>, fraction: number): number {
  const buckets = [...histogram].sort(([a], [b]) => a - b);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  const rank = Math.ceil(total * fraction);
  let seen = 0;
  for (const [micros, count] of buckets) {
    seen += count;
    if (seen >= rank) return micros / 1000;
  }
  return 0;
}

/** One round's sample from its parts: totals over totals, and percentiles of the merged latencies. */
export function combine(target: Target, c: Case, round: number, parts: readonly Part[]): Sample {
  const sum = (of: (part: Part) => number): number => parts.reduce((total, part) => total + of(part), 0);
  const requests = sum((part) => part.load.requests);
  if (requests === 0) throw new Error(`${target.framework} ${target.variant} (${c.key}) answered nothing in round ${round + 1}`);
  const latencies = merged(parts);
  return {
    round,
    requestsPerSecond: requests / (sum((part) => part.load.durationMs) / 1000),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    cpuMicrosPerRequest: sum((part) => part.usage.cpuMicros) / requests,
    serverCpuShare: sum((part) => part.usage.cpuMicros) / sum((part) => part.usage.wallMicros),
    requests,
    errors: sum((part) => part.load.errors),
  };
}
