/**
 * Latency as a sparse histogram of whole microseconds: autocannon's own counts
 * whole milliseconds, and a loopback request takes a fraction of one. Sparse,
 * so that the halves of one measurement merge before percentiles are read.
 */

/** [microseconds, responses] pairs, in increasing microseconds. */
export type Histogram = readonly (readonly [number, number])[];

/** Adds `other`'s counts to `into`. */
export function mergeInto(into: Map<number, number>, other: Histogram): Map<number, number> {
  for (const [micros, count] of other) into.set(micros, (into.get(micros) ?? 0) + count);
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
