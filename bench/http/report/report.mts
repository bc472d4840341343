/** The JSON report: every variant's figures over rounds, its ratios to the references, and the targets. */
import type { Sample } from '../measure/measure.mjs';
import type { Answer } from '../measure/probe.mjs';
import { AJAX_GUARD, BARE, CASES, type Framework, HAND_WRITTEN, OTHER_GUARDS } from '../orchestrate/plan.mjs';

/**
 * The targets, medians of per-round ratios: against the hand-written check,
 * and on a 401, at most half the CPU per request of another library's guard.
 */
export const LIMITS = { cpuMicrosPerRequest: 1.03, requestsPerSecond: 0.97, cpuToOtherGuard401: 0.5 } as const;

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

/** A variant's figures as ratios to a reference variant of the same framework and case, round by round. */
export interface Ratios {
  readonly requestsPerSecond: Spread;
  readonly cpuMicrosPerRequest: Spread;
  readonly p99Ms: Spread;
}

/** One variant on one case, over all rounds. */
export interface Row {
  readonly framework: Framework;
  readonly variant: string;
  readonly case: string;
  readonly requestsPerSecond: Spread;
  readonly p99Ms: Spread;
  readonly cpuMicrosPerRequest: Spread;
  readonly serverCpuShare: Spread;
  /** Only where the bare route serves the case too. */
  readonly toBare: Ratios | undefined;
  readonly toHandWritten: Ratios;
  readonly samples: readonly Sample[];
}

/** Whether ajax-guard met the targets on one framework and case. */
export interface TargetCheck {
  readonly framework: Framework;
  readonly case: string;
  readonly cpuRatio: number;
  readonly cpuMet: boolean;
  readonly requestsPerSecondRatio: number;
  readonly requestsPerSecondMet: boolean;
}

/** One 401 path against another library's guard on the same framework: CPU per request over that guard's. */
export interface OtherGuardCheck {
  readonly framework: Framework;
  readonly case: string;
  readonly guard: string;
  readonly ajaxGuard: Spread;
  /** ajax-guard's NestJS module, where the guard is Nest's own and both ran. */
  readonly ajaxGuardInNest: Spread | undefined;
  /**
   * The bare route, which checks nothing and answers a 200: the framework's
   * own floor, under which no check can go.
   */
  readonly noCheck: Spread | undefined;
  readonly met: boolean;
}

export interface Report {
  readonly meta: Record<string, unknown>;
  /** Peers that could not be installed or started here, with the reason. */
  readonly unavailable: readonly { framework: string; variant: string; reason: string }[];
  readonly rows: readonly Row[];
  readonly targets: readonly TargetCheck[];
  readonly otherGuards: readonly OtherGuardCheck[];
  /** What each variant answered on each case, checked before measuring. */
  readonly answers: readonly Answer[];
}

/** Every sample of one measured series, in round order. */
export type Series = {
  readonly framework: Framework;
  readonly variant: string;
  readonly case: string;
  readonly samples: Sample[];
};

type Figure = 'requestsPerSecond' | 'cpuMicrosPerRequest' | 'p99Ms';
const figures = (samples: readonly Sample[], figure: Figure) => samples.map((sample) => sample[figure]);
// Per-round ratios (same round, so the same minute of a noisy machine), as a spread.
const ratioOf = (ours: readonly Sample[], theirs: readonly Sample[], figure: Figure): Spread =>
  spread(ours.map((sample, round) => sample[figure] / theirs[round]![figure]));

function ratios(ours: readonly Sample[], theirs: readonly Sample[]): Ratios {
  return {
    requestsPerSecond: ratioOf(ours, theirs, 'requestsPerSecond'),
    cpuMicrosPerRequest: ratioOf(ours, theirs, 'cpuMicrosPerRequest'),
    p99Ms: ratioOf(ours, theirs, 'p99Ms'),
  };
}

// Each refusal of ajax-guard's beside each other guard that served it, in the same rounds.
function otherGuardChecks(
  series: readonly Series[],
  find: (of: Series, variant: string) => Series | undefined,
): OtherGuardCheck[] {
  const refusals = new Set(CASES.filter((c) => c.status === 401).map((c) => c.key));
  return series
    .filter((s) => Object.hasOwn(OTHER_GUARDS, s.variant) && refusals.has(s.case))
    .flatMap((theirs): OtherGuardCheck[] => {
      const ours = find(theirs, AJAX_GUARD);
      if (ours === undefined) return [];
      const against = (variant: Series | undefined) => variant && ratioOf(variant.samples, theirs.samples, 'cpuMicrosPerRequest');
      const ajaxGuard = ratioOf(ours.samples, theirs.samples, 'cpuMicrosPerRequest');
      const onTheirApp = OTHER_GUARDS[theirs.variant];
      return [
        {
          framework: theirs.framework,
          case: theirs.case,
          guard: theirs.variant,
          ajaxGuard,
          ajaxGuardInNest: onTheirApp === undefined ? undefined : against(find(theirs, onTheirApp)),
          noCheck: against(find(theirs, BARE)),
          met: ajaxGuard.median <= LIMITS.cpuToOtherGuard401,
        },
      ];
    });
}

/** Summarizes every series; each case's hand-written series must be there. */
export function summarize(series: readonly Series[]): { rows: Row[]; targets: TargetCheck[]; otherGuards: OtherGuardCheck[] } {
  const find = (of: Series, variant: string): Series | undefined =>
    series.find((s) => s.framework === of.framework && s.case === of.case && s.variant === variant);
  const rows = series.map((s): Row => {
    const hand = find(s, HAND_WRITTEN);
    if (hand === undefined) throw new Error(`no ${HAND_WRITTEN} series for ${s.framework} (${s.case})`);
    const bare = find(s, BARE);
    return {
      framework: s.framework,
      variant: s.variant,
      case: s.case,
      requestsPerSecond: spread(figures(s.samples, 'requestsPerSecond')),
      p99Ms: spread(figures(s.samples, 'p99Ms')),
      cpuMicrosPerRequest: spread(figures(s.samples, 'cpuMicrosPerRequest')),
      serverCpuShare: spread(s.samples.map((sample) => sample.serverCpuShare)),
      toBare: bare === undefined ? undefined : ratios(s.samples, bare.samples),
      toHandWritten: ratios(s.samples, hand.samples),
      samples: s.samples,
    };
  });
  const targets = rows
    .filter((row) => row.variant === AJAX_GUARD)
    .map(({ framework, case: key, toHandWritten }): TargetCheck => {
      const cpuRatio = toHandWritten.cpuMicrosPerRequest.median;
      const requestsPerSecondRatio = toHandWritten.requestsPerSecond.median;
      return {
        framework,
        case: key,
        cpuRatio,
        cpuMet: cpuRatio <= LIMITS.cpuMicrosPerRequest,
        requestsPerSecondRatio,
        requestsPerSecondMet: requestsPerSecondRatio >= LIMITS.requestsPerSecond,
      };
    });
  return { rows, targets, otherGuards: otherGuardChecks(series, find) };
}
