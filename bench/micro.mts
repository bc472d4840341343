/**
 * The decorators alone, no HTTP: ns per call and bytes allocated per call,
 * each guarded path beside what it would be written as by hand. Prints
 * mitata's tables, then the overheads against their targets. Run with
 * `npm run bench:micro`.
 */
import { checkAccess, type JsonResponse, jsonResponse, loginRequiredAjax, permissionRequiredAjax } from 'ajax-guard';
import { bench, do_not_optimize, group, run, summary } from 'mitata';

const DATA = jsonResponse({ items: [1, 2, 3] });
type Caller = { user?: { id: number } };
const user: Caller = { user: { id: 1 } };
const anonymous: Caller = {};

// What a store lookup that hits its cache looks like: an async function that answers at once.
const isAuthenticated = async (req: Caller): Promise<boolean> => req.user !== undefined;
const hasPermission = async (_user: unknown, _perm: string): Promise<boolean> => true;

class Bare {
  get(_req: Caller): JsonResponse {
    return DATA;
  }
  async getAsync(_req: Caller): Promise<JsonResponse> {
    return DATA;
  }
}

class Guarded {
  @loginRequiredAjax()
  get(_req: Caller): JsonResponse {
    return DATA;
  }

  @loginRequiredAjax({ isAuthenticated })
  async getAsync(_req: Caller): Promise<JsonResponse> {
    return DATA;
  }

  @permissionRequiredAjax('items.view', { isAuthenticated, hasPermission })
  async getPermitted(_req: Caller): Promise<JsonResponse> {
    return DATA;
  }
}

const bare = new Bare();
const guarded = new Guarded();
const REFUSAL = jsonResponse({ status: '401' }, { status: 401 });

// The hand-written async check: await the store, then call the handler.
async function handWritten(req: Caller): Promise<JsonResponse> {
  if (!(await isAuthenticated(req))) return REFUSAL;
  return bare.getAsync(req);
}
async function handWrittenPermission(req: Caller): Promise<JsonResponse> {
  if (!(await isAuthenticated(req))) return REFUSAL;
  if (!(await hasPermission(req.user, 'items.view'))) return REFUSAL;
  return bare.getAsync(req);
}

// The guard alone, as middleware runs it, and the check it stands for.
const loginGuard = loginRequiredAjax();
const handCheck = (req: Caller): JsonResponse | undefined => (req.user !== undefined ? undefined : REFUSAL);

const NAMES = {
  handCheck: 'hand-written sync check, signed in',
  checkAccess: 'checkAccess(loginRequiredAjax(), signed in)',
  bareSync: 'bare method',
  guardedSync: '@loginRequiredAjax(), sync check',
  refusal: '@loginRequiredAjax() refusing an anonymous call',
  bareAwait: 'await bare async method',
  handAsync: 'hand-written: await check, then handler',
  guardedAsync: '@loginRequiredAjax({ isAuthenticated: async })',
  handPermission: 'hand-written: await check and permission, then handler',
  guardedPermission: '@permissionRequiredAjax(perm, both async)',
} as const;

summary(() => {
  group('authenticated, sync check', () => {
    bench(NAMES.bareSync, () => do_not_optimize(bare.get(user))).baseline(true);
    bench(NAMES.guardedSync, () => do_not_optimize(guarded.get(user)));
  });
});
summary(() => {
  group('a guard without a handler (middleware)', () => {
    bench(NAMES.handCheck, () => do_not_optimize(handCheck(user))).baseline(true);
    bench(NAMES.checkAccess, () => do_not_optimize(checkAccess(loginGuard, user)));
  });
});
group('refusal', () => {
  bench(NAMES.refusal, () => do_not_optimize(guarded.get(anonymous)));
});
summary(() => {
  group('authenticated, async check settling at once', () => {
    bench(NAMES.bareAwait, async () => do_not_optimize(await bare.getAsync(user))).baseline(true);
    bench(NAMES.handAsync, async () => do_not_optimize(await handWritten(user)));
    bench(NAMES.guardedAsync, async () => do_not_optimize(await guarded.getAsync(user)));
    bench(NAMES.handPermission, async () => do_not_optimize(await handWrittenPermission(user)));
    bench(NAMES.guardedPermission, async () => do_not_optimize(await guarded.getPermitted(user)));
  });
});

const { benchmarks } = await run();
const stats = (name: string) => {
  const found = benchmarks.find((b) => b.alias === name)?.runs[0]?.stats;
  if (found === undefined) throw new Error(`no result for ${name}`);
  return found;
};
// Medians: this machine may be shared, and a median shrugs off the stalls an average keeps.
const over = (ours: string, theirs: string): number => stats(ours).p50 - stats(theirs).p50;
const checks = [
  ['sync check over a bare call', over(NAMES.guardedSync, NAMES.bareSync), 20, 'ns'],
  ['sync check, bytes allocated per call', stats(NAMES.guardedSync).heap?.avg ?? Number.NaN, 1, 'B'],
  ['checkAccess over a hand-written sync check', over(NAMES.checkAccess, NAMES.handCheck), Number.NaN, 'ns'],
  ['async check over a hand-written await', over(NAMES.guardedAsync, NAMES.handAsync), 150, 'ns'],
  ['async check over a bare await of the handler', over(NAMES.guardedAsync, NAMES.bareAwait), Number.NaN, 'ns'],
  ['async check + permission over hand-written', over(NAMES.guardedPermission, NAMES.handPermission), Number.NaN, 'ns'],
] as const;
console.log('\n| overhead (medians) | measured | target |\n|---|---:|---:|');
for (const [what, value, limit, unit] of checks) {
  const target = Number.isNaN(limit) ? '' : `≤ ${limit} ${unit}${value <= limit ? '' : ' (missed)'}`;
  console.log(`| ${what} | ${value.toFixed(1)} ${unit} | ${target} |`);
}
