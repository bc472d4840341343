import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';

// Compiled into build/spec-legacy/bench; `npm run build:spec` compiles the benchmark into build/bench.
const BENCH = resolve(__dirname, '..', '..', 'bench', 'http');
const CPU_PROFILE = pathToFileURL(resolve(BENCH, 'report', 'cpu-profile.mjs')).href;
const PROFILE = resolve(BENCH, 'orchestrate', 'profile.mjs');

interface Frame {
  readonly functionName: string;
  readonly url: string;
}
interface Run {
  readonly profile: object;
  readonly window?: { readonly from: number; readonly to: number };
}
interface Difference {
  readonly name: string;
  readonly baseline: number;
  readonly variant: number;
}
interface Reader {
  summarizeProfile(
    run: Run,
    top?: number,
  ): { functions: { name: string; percent: number }[]; places: { name: string; percent: number }[] };
  compareProfiles(
    baseline: readonly Run[],
    variant: readonly Run[],
    top?: number,
  ): { places: Difference[]; functions: Difference[] };
}

const SERVER = '/srv/node_modules/fastify/lib/reply.js';
const GUARD = '/srv/node_modules/ajax-guard/dist/adapters/fastify.js';

// A profile whose samples hit `frames` in turn, one every `step` µs from `startTime`; a frame's hitCount counts them all.
function profileOf(frames: readonly Frame[], hits: readonly number[], startTime = 1_000, step = 100) {
  const nodes: { id: number; callFrame: Frame & { lineNumber: number }; hitCount?: number; children?: number[] }[] = [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: frames.map((_, i) => i + 2) },
    ...frames.map((frame, i) => ({
      id: i + 2,
      callFrame: { ...frame, lineNumber: 0 },
      hitCount: hits.filter((hit) => hit === i).length,
    })),
  ];
  return { nodes, startTime, samples: hits.map((index) => index + 2), timeDeltas: hits.map(() => step) };
}

const IDLE = { functionName: '(idle)', url: '' };
const WRITE = { functionName: 'writev', url: '' };
const SEND = { functionName: 'send', url: SERVER };
const ANSWER = { functionName: 'answer', url: GUARD };

describe('npm run bench:profile, reading what node --cpu-prof wrote', () => {
  let reader: Reader;
  before(async () => {
    reader = (await import(CPU_PROFILE)) as Reader;
  });

  it('shares out the busy samples by function and by place, idle time left out', () => {
    const profile = profileOf([IDLE, WRITE, SEND, ANSWER], [0, 0, 1, 1, 1, 2, 3, 0]);
    const { functions, places } = reader.summarizeProfile({ profile });
    expect(functions).to.deep.equal([
      { name: 'writev', percent: 60 },
      { name: 'send reply.js:1', percent: 20 },
      { name: 'answer fastify.js:1', percent: 20 },
    ]);
    expect(places.map((place) => place.name)).to.have.members(['(native)', 'fastify', 'ajax-guard']);
  });

  it('reads only the samples taken within the window, when it is given one', () => {
    // Samples at 1100, 1200, ... 1600 µs: the window keeps the last three.
    const profile = profileOf([WRITE, SEND], [0, 0, 0, 1, 1, 0]);
    const { functions } = reader.summarizeProfile({ profile, window: { from: 1_350, to: 1_700 } });
    expect(functions).to.deep.equal([
      { name: 'send reply.js:1', percent: 200 / 3 },
      { name: 'writev', percent: 100 / 3 },
    ]);
  });

  it('fails, rather than read nothing, on a window with no busy samples', () => {
    const profile = profileOf([WRITE], [0, 0]);
    expect(() => reader.summarizeProfile({ profile, window: { from: 5_000, to: 6_000 } })).to.throw(Error, /no busy samples/);
  });

  it("sets two servers' shares side by side, averaged over each one's runs, the largest difference first", () => {
    const baseline = [profileOf([WRITE, SEND], [0, 0, 0, 1]), profileOf([WRITE, SEND], [0, 0, 1, 1])];
    const variant = [profileOf([WRITE, SEND, ANSWER], [0, 0, 1, 2, 0])];
    const { places, functions } = reader.compareProfiles(
      baseline.map((profile) => ({ profile })),
      variant.map((profile) => ({ profile })),
    );
    // writev: 75% and 50% of the baseline's runs, 60% of the variant's; send 37.5% then 20%; answer 0 then 20%.
    expect(functions).to.deep.equal([
      { name: 'answer fastify.js:1', baseline: 0, variant: 20 },
      { name: 'send reply.js:1', baseline: 37.5, variant: 20 },
      { name: 'writev', baseline: 62.5, variant: 60 },
    ]);
    expect(places.find((place) => place.name === 'ajax-guard')).to.deep.equal({ name: 'ajax-guard', baseline: 0, variant: 20 });
  });

  it('bounds the functions it lists, never the places', () => {
    const { places, functions } = reader.compareProfiles(
      [{ profile: profileOf([WRITE, SEND], [0, 1]) }],
      [{ profile: profileOf([WRITE, SEND, ANSWER], [0, 1, 2]) }],
      1,
    );
    expect(functions).to.have.length(1);
    expect(places).to.have.length(3);
  });

  it('refuses to compare with no profile on one side', () => {
    expect(() => reader.compareProfiles([], [{ profile: profileOf([WRITE], [0]) }])).to.throw(RangeError, /at least one profile/);
  });
});

// Bounded: the command gets SIGTERM, kills its servers and load generator, and the test fails.
const LIMIT_MS = 60_000;

function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { NODE_V8_COVERAGE: _, ...env } = process.env;
  return new Promise((resolvePromise) => {
    execFile(process.execPath, [PROFILE, ...args], { env, timeout: LIMIT_MS, killSignal: 'SIGTERM' }, (error, stdout, stderr) =>
      resolvePromise({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// `   0.00   0.61  +0.61  ajax-guard`
const ROW = /^ {2}( *\d+\.\d\d) ( *\d+\.\d\d) ( *[+-]\d+\.\d\d) {2}(.+)$/;

describe('npm run bench:profile -- --against, on one short case', function () {
  this.timeout(LIMIT_MS + 5_000);
  this.slow(20_000);

  it("profiles both servers, and lists each place's and function's share in each, with the difference", async () => {
    const result = await run([
      '--framework',
      'fastify',
      '--case',
      'sync-200',
      '--against',
      'hand-written',
      '--rounds',
      '1',
      '--seconds',
      '0.3',
      '--top',
      '5',
    ]);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/^## fastify, sync-200: ajax-guard against hand-written, 1 round\(s\) of 0\.3 s each$/m);
    const [, byPlace = '', byFunction = ''] = result.stdout.split(/^by (?:place|function, the 5 largest differences):$/m);
    const rows = (text: string) =>
      text.split('\n').flatMap((line) => {
        const match = ROW.exec(line);
        return match === null
          ? []
          : [{ baseline: Number(match[1]), variant: Number(match[2]), difference: Number(match[3]), name: match[4] }];
      });
    const places = rows(byPlace);
    // The hand-written server runs none of ajax-guard's code; ajax-guard's does.
    expect(places.find((place) => place.name === 'ajax-guard')).to.include({ baseline: 0 });
    expect(places.find((place) => place.name === 'ajax-guard')!.variant).to.be.greaterThan(0);
    for (const side of ['baseline', 'variant'] as const) {
      expect(places.reduce((sum, place) => sum + place[side], 0)).to.be.closeTo(100, 0.1);
    }
    for (const row of [...places, ...rows(byFunction)]) expect(row.difference).to.be.closeTo(row.variant - row.baseline, 0.011);
    expect(rows(byFunction)).to.have.length(5);
  });

  it('refuses a number of rounds under 1, naming the option', async () => {
    const result = await run(['--against', 'hand-written', '--rounds', '0']);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('--rounds must be a number of at least 1, got 0');
  });

  it('refuses a variant that does not serve the case, before starting any server', async () => {
    const result = await run(['--framework', 'fastify', '--case', 'sync-200', '--against', 'no-such-variant']);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('no no-such-variant serving sync-200 on fastify');
  });
});
