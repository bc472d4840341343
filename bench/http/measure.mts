/** One measurement: a variant under load on one path, seen from the client and from the server's own accounting. */
import type { Child } from './children.mjs';
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

/** What one measurement found. */
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

/** Unmeasured load, to let the JIT and the connections settle. */
export async function warm(target: Target, path: Path, load: Child, connections: number, seconds: number): Promise<void> {
  if (seconds === 0) return;
  const result = await load.call<LoadResult>('run', request(target, path, connections, seconds), loadTimeout(seconds));
  checkStatuses(target, path, result);
}

/** Measures `target` on `path` for `seconds`, the server counting its own CPU time meanwhile. */
export async function measure(
  target: Target,
  path: Path,
  load: Child,
  connections: number,
  seconds: number,
  round: number,
): Promise<Sample> {
  await target.server.call('start', null, CONTROL_TIMEOUT_MS);
  const result = await load.call<LoadResult>('run', request(target, path, connections, seconds), loadTimeout(seconds));
  const usage = await target.server.call<ServerUsage>('stop', null, CONTROL_TIMEOUT_MS);
  checkStatuses(target, path, result);
  if (result.requests === 0) throw new Error(`${target.framework} ${target.variant} (${path}) answered nothing in ${seconds} s`);
  return {
    round,
    requestsPerSecond: result.requests / (result.durationMs / 1000),
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    cpuMicrosPerRequest: usage.cpuMicros / result.requests,
    serverCpuShare: usage.cpuMicros / usage.wallMicros,
    requests: result.requests,
    errors: result.errors,
  };
}
