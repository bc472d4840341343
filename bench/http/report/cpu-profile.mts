/** Reads a V8 `.cpuprofile` (as `node --cpu-prof` writes it): where the time went, by function and by place. */
import path from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
  readonly children?: readonly number[];
}

/** The parts of a `.cpuprofile` read here. */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  /** When profiling began, in µs of the monotonic clock. */
  readonly startTime?: number;
  /** The node each sample hit, in the order they were taken. */
  readonly samples?: readonly number[];
  /** The µs from each sample (or the start) to the next. */
  readonly timeDeltas?: readonly number[];
}

/**
 * A span of the profiled process's life, in µs of the monotonic clock: the
 * clock of `process.hrtime` in any process on the machine, and of V8's
 * profiler. The measured load, without the start-up and warm-up before it.
 */
export interface Window {
  readonly from: number;
  readonly to: number;
}

/** A profile, and the window of it to read (all of it when none). */
export interface ProfileRun {
  readonly profile: CpuProfile;
  readonly window?: Window;
}

/** A share of the busy (non-idle) samples. */
export interface Share {
  readonly name: string;
  readonly percent: number;
}

/** Where a profile's busy time went. */
export interface ProfileSummary {
  /** Self time by function, the largest first. */
  readonly functions: readonly Share[];
  /** Self time by package or place: a framework, Node's internals, ajax-guard, GC... */
  readonly places: readonly Share[];
  /** Time in ajax-guard's own functions and everything they call. */
  readonly underAjaxGuard: number;
}

/** One name's share of the busy samples in two sets of runs, each the mean over its runs. */
export interface ShareDifference {
  readonly name: string;
  readonly baseline: number;
  readonly variant: number;
}

/** Where two servers' busy time went differently, the largest difference first. */
export interface ProfileComparison {
  /** Every place either server spent time in. */
  readonly places: readonly ShareDifference[];
  readonly functions: readonly ShareDifference[];
}

const OWN_BUILD = `${path.sep}dist${path.sep}`;

// The package (or kind of code) a frame belongs to.
function placeOf({ functionName, url }: ProfileNode['callFrame']): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope = '', name = ''] = url.slice(modules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  if (url.includes(OWN_BUILD)) return 'ajax-guard';
  if (url.includes('/build/bench')) return 'bench app';
  return url;
}

function functionOf({ functionName, url, lineNumber }: ProfileNode['callFrame']): string {
  const where = url === '' ? '' : ` ${url.startsWith('node:') ? url : path.basename(url)}:${lineNumber + 1}`;
  return `${functionName || '(anonymous)'}${where}`;
}

// Each node's samples: all of them, or those taken within the run's window.
function hitsOf({ profile, window }: ProfileRun): Map<number, number> {
  const hits = new Map<number, number>();
  if (window === undefined) {
    for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
    return hits;
  }
  const { startTime, samples, timeDeltas } = profile;
  if (startTime === undefined || samples === undefined || timeDeltas === undefined) {
    throw new Error('the profile has no sample times: no window of it can be read');
  }
  let time = startTime;
  for (let i = 0; i < samples.length; i++) {
    time += timeDeltas[i] ?? 0;
    const id = samples[i] as number;
    if (time >= window.from && time <= window.to) hits.set(id, (hits.get(id) ?? 0) + 1);
  }
  return hits;
}

/** Busy samples by function and by place, each a share of all the busy samples. */
interface Tally {
  readonly functions: Map<string, number>;
  readonly places: Map<string, number>;
  /** How many busy samples there were. */
  readonly busy: number;
}

// Also hands each busy node and its samples to `each`, for what else a caller counts.
function tally(run: ProfileRun, each?: (node: ProfileNode, hits: number) => void): Tally {
  const hits = hitsOf(run);
  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  let busy = 0;
  for (const node of run.profile.nodes) {
    const count = hits.get(node.id) ?? 0;
    if (count === 0 || node.callFrame.functionName === '(idle)') continue;
    busy += count;
    functions.set(functionOf(node.callFrame), (functions.get(functionOf(node.callFrame)) ?? 0) + count);
    places.set(placeOf(node.callFrame), (places.get(placeOf(node.callFrame)) ?? 0) + count);
    each?.(node, count);
  }
  if (busy === 0) throw new Error('the profile holds no busy samples in the time read');
  for (const totals of [functions, places]) for (const [name, count] of totals) totals.set(name, (100 * count) / busy);
  return { functions, places, busy };
}

const ranked = (percents: Map<string, number>, top: number): Share[] =>
  [...percents]
    .map(([name, percent]) => ({ name, percent }))
    .sort((a, b) => b.percent - a.percent)
    .slice(0, top);

/** Summarizes `run`, ignoring idle time; `top` bounds each list. */
export function summarizeProfile(run: ProfileRun, top = 20): ProfileSummary {
  const byId = new Map(run.profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of run.profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  let underAjaxGuard = 0;
  const { functions, places, busy } = tally(run, (node, hits) => {
    for (let id: number | undefined = node.id; id !== undefined; id = parents.get(id)) {
      const frame = byId.get(id);
      if (frame !== undefined && placeOf(frame.callFrame) === 'ajax-guard') {
        underAjaxGuard += hits;
        break;
      }
    }
  });
  return { functions: ranked(functions, top), places: ranked(places, top), underAjaxGuard: (100 * underAjaxGuard) / busy };
}

// Each name's mean share over `tallies`, a name missing from one counting 0 there.
function meanShares(tallies: readonly Map<string, number>[]): Map<string, number> {
  const means = new Map<string, number>();
  for (const shares of tallies) {
    for (const [name, percent] of shares) means.set(name, (means.get(name) ?? 0) + percent / tallies.length);
  }
  return means;
}

function differences(baseline: Map<string, number>, variant: Map<string, number>): ShareDifference[] {
  return [...new Set([...baseline.keys(), ...variant.keys()])]
    .map((name) => ({ name, baseline: baseline.get(name) ?? 0, variant: variant.get(name) ?? 0 }))
    .sort((a, b) => Math.abs(b.variant - b.baseline) - Math.abs(a.variant - a.baseline) || a.name.localeCompare(b.name));
}

/**
 * Sets the runs of one server (`variant`) against another's (`baseline`)
 * on the same load: each name's share of the busy samples, averaged over
 * each server's runs. A share does not move with the host's speed, which
 * moves a timed run by several percent; `top` bounds the functions listed.
 */
export function compareProfiles(baseline: readonly ProfileRun[], variant: readonly ProfileRun[], top = 20): ProfileComparison {
  if (baseline.length === 0 || variant.length === 0) throw new RangeError('each server needs at least one profile to compare');
  const [before, after] = [baseline, variant].map((runs) => runs.map((run) => tally(run))) as [Tally[], Tally[]];
  return {
    places: differences(meanShares(before.map((t) => t.places)), meanShares(after.map((t) => t.places))),
    functions: differences(meanShares(before.map((t) => t.functions)), meanShares(after.map((t) => t.functions))).slice(0, top),
  };
}
