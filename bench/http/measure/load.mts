/**
 * The load generator, in a process of its own (pinned to the other core than
 * the servers): runs autocannon on the parent's `run` command, and keeps
 * each response's latency to the microsecond.
 */
import autocannon from 'autocannon';
import { answer } from '../orchestrate/answer.mjs';

/** Latency as sparse [microseconds, responses] pairs, in increasing microseconds (autocannon's own counts whole milliseconds). */
export type Histogram = readonly (readonly [number, number])[];

/** One load run's request. */
export interface LoadRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly connections: number;
  /** Seconds. */
  readonly duration: number;
}

/** One load run's outcome, as the client saw it. */
export interface LoadResult {
  /** Responses received. */
  readonly requests: number;
  readonly durationMs: number;
  readonly latencies: Histogram;
  readonly errors: number;
  /** Responses by status code. */
  readonly statuses: Record<string, number>;
}

// Microsecond buckets up to one second; anything slower counts in the last.
const latencies = new Uint32Array(1_000_000);

async function run({ url, headers, connections, duration }: LoadRequest): Promise<LoadResult> {
  latencies.fill(0);
  let count = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      // autocannon notices its deadline only on a sample tick: tick often, so short runs last as long as asked.
      { url, headers, connections, duration, sampleInt: 50 },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies[Math.min(Math.round(responseTime * 1000), latencies.length - 1)]! += 1;
      count++;
    });
  });
  const statuses: Record<string, number> = {};
  for (const [code, { count: n = 0 }] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = n;
  const histogram: [number, number][] = [];
  for (let micros = 0; micros < latencies.length; micros++) {
    if (latencies[micros] !== 0) histogram.push([micros, latencies[micros]!]);
  }
  return {
    requests: count,
    durationMs: result.finish.getTime() - result.start.getTime(),
    latencies: histogram,
    errors: result.errors,
    statuses,
  };
}

answer({ run }, {});
