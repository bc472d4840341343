/** One measurement: a variant under load on one path, seen from the client and from the server's own accounting. */
import type { Child } from './children.mjs';
import { mergeInto, percentile } from './latency.mjs';
import type { LoadRequest, LoadResult } from './load.mjs';
import { expectedStatus, type Framework, headersFor, type Path } from './plan.mjs';
import { ROUTE } from './scenario.mjs';
import type { ServerUsage } from './server.mjs';

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

/** What one round found for a variant on a path, over all its parts. */
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

function request(target: Target, path: Path, connections: number, duration: number): LoadRequest {
  return { url: target.url + ROUTE, headers: headersFor(path), connections, duration };
}

// A variant that answered anything but its path's status measured something else.
function checkStatuses(target: Target, path: Path, result: LoadResult): void {
  const expected = String(expectedStatus(target.variant, path));
  if (Object.keys(result.statuses).some((status) => status !== expected)) {
    throw new Error(
      `${target.framework} ${target.variant} (${path}) answered ${JSON.stringify(result.statuses)}, expected only ${expected}`,
    );
  }
}

/** Unmeasured load, to let the JIT and the connections settle; none for 0 seconds. */
export async function warm(target: Target, path: Path, load: Child, connections: number, seconds: number): Promise<void> {
  if (seconds === 0) return;
  const result = await load.call<LoadResult>('run', request(target, path, connections, seconds), loadTimeout(seconds));
  checkStatuses(target, path, result);
}

/** Measures `target` on `path` for `seconds`, the server counting its own CPU time meanwhile. */
export async function measure(target: Target, path: Path, load: Child, connections: number, seconds: number): Promise<Part> {
  await target.server.call('start', null, CONTROL_TIMEOUT_MS);
  const result = await load.call<LoadResult>('run', request(target, path, connections, seconds), loadTimeout(seconds));
  const usage = await target.server.call<ServerUsage>('stop', null, CONTROL_TIMEOUT_MS);
  checkStatuses(target, path, result);
  return { load: result, usage };
}

/** One round's sample from its parts: totals over totals, and percentiles of the merged latencies. */
export function combine(target: Target, path: Path, round: number, parts: readonly Part[]): Sample {
  const sum = (of: (part: Part) => number): number => parts.reduce((total, part) => total + of(part), 0);
  const requests = sum((part) => part.load.requests);
  if (requests === 0) throw new Error(`${target.framework} ${target.variant} (${path}) answered nothing in round ${round + 1}`);
  const latencies = parts.reduce((merged, part) => mergeInto(merged, part.load.latencies), new Map<number, number>());
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
