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

const ranked = (totals: Map<string, number>, busy: number, top: number): Share[] =>
  [...totals]
    .map(([name, hits]) => ({ name, percent: (100 * hits) / busy }))
    .sort((a, b) => b.percent - a.percent)
    .slice(0, top);

/** Summarizes `profile`, ignoring idle time; `top` bounds each list. */
export function summarizeProfile(profile: CpuProfile, top = 20): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  let busy = 0;
  let underAjaxGuard = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0 || node.callFrame.functionName === '(idle)') continue;
    busy += hits;
    functions.set(functionOf(node.callFrame), (functions.get(functionOf(node.callFrame)) ?? 0) + hits);
    places.set(placeOf(node.callFrame), (places.get(placeOf(node.callFrame)) ?? 0) + hits);
    for (let id: number | undefined = node.id; id !== undefined; id = parents.get(id)) {
      const frame = byId.get(id);
      if (frame !== undefined && placeOf(frame.callFrame) === 'ajax-guard') {
        underAjaxGuard += hits;
        break;
      }
    }
  }
  return {
    functions: ranked(functions, busy, top),
    places: ranked(places, busy, top),
    underAjaxGuard: (100 * underAjaxGuard) / Math.max(busy, 1),
  };
}
