/** The few statistics the report needs: a median with its range, over rounds. */

/** A figure over rounds: its median, and the smallest and largest value seen. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The median (mean of the middle two for an even count), min and max of `values`, which must not be empty. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new RangeError('spread of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** Per-round ratios `ours[i] / theirs[i]` (same round, so the same minute of a noisy machine), as a spread. */
export function ratioSpread(ours: readonly number[], theirs: readonly number[]): Spread {
  return spread(ours.map((value, round) => value / theirs[round]!));
}
