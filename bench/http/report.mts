/** The JSON report: every variant's figures over rounds, its ratios to the references, and the targets. */
import type { Sample } from './measure.mjs';
import { AJAX_GUARD, BARE, type Framework, HAND_WRITTEN, type Path } from './plan.mjs';
import type { Answer } from './probe.mjs';
import { ratioSpread, type Spread, spread } from './stats.mjs';

/** The targets of issue 6, against the hand-written check: medians of per-round ratios. */
export const LIMITS = { cpuMicrosPerRequest: 1.03, requestsPerSecond: 0.97 } as const;

/** A variant's figures as ratios to a reference variant of the same framework and path, round by round. */
export interface Ratios {
  readonly requestsPerSecond: Spread;
  readonly cpuMicrosPerRequest: Spread;
  readonly p99Ms: Spread;
}

/** One variant on one path, over all rounds. */
export interface Row {
  readonly framework: Framework;
  readonly variant: string;
  readonly path: Path;
  readonly requestsPerSecond: Spread;
  readonly p99Ms: Spread;
  readonly cpuMicrosPerRequest: Spread;
  readonly serverCpuShare: Spread;
  readonly toBare: Ratios;
  readonly toHandWritten: Ratios;
  readonly samples: readonly Sample[];
}

/** Whether ajax-guard met the targets on one framework and path. */
export interface TargetCheck {
  readonly framework: Framework;
  readonly path: Path;
  readonly cpuRatio: number;
  readonly cpuMet: boolean;
  readonly requestsPerSecondRatio: number;
  readonly requestsPerSecondMet: boolean;
}

export interface Report {
  readonly meta: Record<string, unknown>;
  /** Peers that could not be installed or started here, with the reason. */
  readonly unavailable: readonly { framework: string; variant: string; reason: string }[];
  readonly rows: readonly Row[];
  readonly targets: readonly TargetCheck[];
  /** What each variant answered on each path, checked before measuring. */
  readonly answers: readonly Answer[];
}

/** Every sample of one measured series, in round order. */
export type Series = { readonly framework: Framework; readonly variant: string; readonly path: Path; readonly samples: Sample[] };

const figures = (samples: readonly Sample[], figure: 'requestsPerSecond' | 'cpuMicrosPerRequest' | 'p99Ms') =>
  samples.map((sample) => sample[figure]);

function ratios(ours: readonly Sample[], theirs: readonly Sample[]): Ratios {
  return {
    requestsPerSecond: ratioSpread(figures(ours, 'requestsPerSecond'), figures(theirs, 'requestsPerSecond')),
    cpuMicrosPerRequest: ratioSpread(figures(ours, 'cpuMicrosPerRequest'), figures(theirs, 'cpuMicrosPerRequest')),
    p99Ms: ratioSpread(figures(ours, 'p99Ms'), figures(theirs, 'p99Ms')),
  };
}

/** Summarizes every series; each framework's bare and hand-written series must be there. */
export function summarize(series: readonly Series[]): { rows: Row[]; targets: TargetCheck[] } {
  const find = (of: Series, variant: string): Series => {
    const found = series.find((s) => s.framework === of.framework && s.path === of.path && s.variant === variant);
    if (found === undefined) throw new Error(`no ${variant} series for ${of.framework} (${of.path})`);
    return found;
  };
  const rows = series.map(
    (s): Row => ({
      framework: s.framework,
      variant: s.variant,
      path: s.path,
      requestsPerSecond: spread(figures(s.samples, 'requestsPerSecond')),
      p99Ms: spread(figures(s.samples, 'p99Ms')),
      cpuMicrosPerRequest: spread(figures(s.samples, 'cpuMicrosPerRequest')),
      serverCpuShare: spread(s.samples.map((sample) => sample.serverCpuShare)),
      toBare: ratios(s.samples, find(s, BARE).samples),
      toHandWritten: ratios(s.samples, find(s, HAND_WRITTEN).samples),
      samples: s.samples,
    }),
  );
  const targets = rows
    .filter((row) => row.variant === AJAX_GUARD)
    .map(({ framework, path, toHandWritten }): TargetCheck => {
      const cpuRatio = toHandWritten.cpuMicrosPerRequest.median;
      const requestsPerSecondRatio = toHandWritten.requestsPerSecond.median;
      return {
        framework,
        path,
        cpuRatio,
        cpuMet: cpuRatio <= LIMITS.cpuMicrosPerRequest,
        requestsPerSecondRatio,
        requestsPerSecondMet: requestsPerSecondRatio >= LIMITS.requestsPerSecond,
      };
    });
  return { rows, targets };
}
