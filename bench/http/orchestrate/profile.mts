/**
 * `npm run bench:profile [-- options]`: one variant's server per framework
 * under load on one case, run with `node --cpu-prof`, and where its CPU time
 * went while the load was measured. With `--against`, the same for another
 * variant's server, round after round, and where the two differ: a share of
 * the samples does not move with the host's speed, as a timed ratio does.
 * The profiles stay in build/bench/profiles/ (never committed).
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { combine, measure, warm } from '../measure/measure.mjs';
import {
  type CpuProfile,
  compareProfiles,
  type ProfileRun,
  type Share,
  type ShareDifference,
  summarizeProfile,
} from '../report/cpu-profile.mjs';
import { killAll, spawnChild } from './children.mjs';
import { CASES, type Case, casesOf, FRAMEWORKS, type Framework, runtimeOf, serverOf, serves, VARIANTS } from './plan.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = `npm run bench:profile [-- options]
  --framework NAME   only this framework (repeatable) [all]
  --variant NAME     the variant to profile [ajax-guard]
  --against NAME     also profile this variant, and list where the two differ
  --rounds N         with --against: each variant's profiles, taken in turn [2]
  --case KEY         ${CASES.map((c) => c.key).join(', ')} [sync-401]
  --seconds S        measured load [5]
  --top N            functions listed [15]
  --in-handler       Fastify's hand-written check in each route's handler, not a preHandler hook`;

const list = (shares: readonly Share[]): string =>
  shares.map(({ name, percent }) => `  ${percent.toFixed(1).padStart(5)}%  ${name}`).join('\n');

const percent = (value: number): string => value.toFixed(2).padStart(6);
const listDifferences = (rows: readonly ShareDifference[]): string =>
  rows
    .map(({ name, baseline, variant }) => {
      const difference = variant - baseline;
      return `  ${percent(baseline)} ${percent(variant)} ${`${difference >= 0 ? '+' : '-'}${Math.abs(difference).toFixed(2)}`.padStart(6)}  ${name}`;
    })
    .join('\n');

/** One profiled run: its profile, read over the measured load only, and the CPU per request it measured. */
interface Profiled {
  readonly run: ProfileRun;
  readonly file: string;
  readonly cpuMicrosPerRequest: number;
}

// The monotonic clock in µs, as V8's profiler stamps its samples.
const now = (): number => Number(process.hrtime.bigint() / 1000n);

async function profileRun(framework: Framework, variant: string, way: Case, seconds: number, name: string): Promise<Profiled> {
  const dir = path.resolve('build/bench/profiles', name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const load = await spawnChild(path.join(here, '..', 'measure', 'load.mjs'), [], 1, 30_000);
  const server = await spawnChild(path.join(here, '..', 'servers', 'server.mjs'), [framework, variant], 0, 30_000, [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
    '--cpu-prof-interval=100',
  ]);
  const target = { framework, variant, url: `http://127.0.0.1:${(server.info as { port: number }).port}`, server };
  await warm(target, way, load, 16, 1);
  const from = now();
  const sample = combine(target, way, 0, [await measure(target, way, load, 16, seconds)]);
  const window = { from, to: now() };
  await server.exit(10_000);
  await load.exit(5_000);
  const [file] = (await readdir(dir)).filter((entry) => entry.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no profile written in ${dir}`);
  const profile = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as CpuProfile;
  return {
    run: { profile, window },
    file: path.relative(process.cwd(), path.join(dir, file)),
    cpuMicrosPerRequest: sample.cpuMicrosPerRequest,
  };
}

async function profileOne(framework: Framework, variant: string, way: Case, seconds: number, top: number): Promise<void> {
  const { run, file, cpuMicrosPerRequest } = await profileRun(
    framework,
    variant,
    way,
    seconds,
    `${framework}-${variant}-${way.key}`,
  );
  const summary = summarizeProfile(run, top);
  console.log(`## ${framework} ${variant}, ${way.key}: ${cpuMicrosPerRequest.toFixed(1)} µs CPU per request`);
  console.log(`profile: ${file}`);
  console.log(`self time by place (% of busy samples):\n${list(summary.places)}`);
  console.log(`self time by function:\n${list(summary.functions)}`);
  console.log(`in ajax-guard's functions and what they call: ${summary.underAjaxGuard.toFixed(1)}%\n`);
}

interface Comparison {
  readonly framework: Framework;
  readonly variant: string;
  readonly baseline: string;
  readonly way: Case;
  readonly rounds: number;
  readonly seconds: number;
  readonly top: number;
}

// Both variants in turn, round after round, so that a slow spell of the host falls on both.
async function compareOne({ framework, variant, baseline, way, rounds, seconds, top }: Comparison): Promise<void> {
  const runs = new Map<string, Profiled[]>([
    [baseline, []],
    [variant, []],
  ]);
  for (let round = 1; round <= rounds; round++) {
    for (const [name, profiled] of runs) {
      profiled.push(await profileRun(framework, name, way, seconds, `${framework}-${name}-${way.key}-${round}`));
    }
    console.error(`round ${round}/${rounds} done`);
  }
  const [before, after] = [runs.get(baseline), runs.get(variant)] as [Profiled[], Profiled[]];
  const { places, functions } = compareProfiles(
    before.map((p) => p.run),
    after.map((p) => p.run),
    top,
  );
  const cpu = (profiled: readonly Profiled[]): string => profiled.map((p) => p.cpuMicrosPerRequest.toFixed(1)).join(', ');
  console.log(`## ${framework}, ${way.key}: ${variant} against ${baseline}, ${rounds} round(s) of ${seconds} s each`);
  console.log(`µs CPU per request, timed under the profiler: ${baseline} ${cpu(before)}; ${variant} ${cpu(after)}`);
  console.log(`profiles: build/bench/profiles/${framework}-{${baseline},${variant}}-${way.key}-<round>/`);
  console.log(`self time, % of busy samples (mean of rounds): ${baseline}, ${variant}, difference`);
  console.log(`by place:\n${listDifferences(places)}`);
  console.log(`by function, the ${top} largest differences:\n${listDifferences(functions)}\n`);
}

// A number of at least `least`, or the option's clear error.
function atLeast(name: string, text: string, least: number): number {
  const value = Number(text);
  if (!(value >= least)) throw new RangeError(`--${name} must be a number of at least ${least}, got ${text}\n${USAGE}`);
  return value;
}

try {
  const { values } = parseArgs({
    options: {
      framework: { type: 'string', multiple: true },
      variant: { type: 'string', default: 'ajax-guard' },
      against: { type: 'string' },
      rounds: { type: 'string', default: '2' },
      case: { type: 'string', default: 'sync-401' },
      seconds: { type: 'string', default: '5' },
      top: { type: 'string', default: '15' },
      'in-handler': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
  } else {
    const way = CASES.find((c) => c.key === values.case);
    if (way === undefined) throw new RangeError(`unknown --case ${values.case}\n${USAGE}`);
    const seconds = atLeast('seconds', values.seconds, 0.1);
    const rounds = Math.trunc(atLeast('rounds', values.rounds, 1));
    const top = Math.trunc(atLeast('top', values.top, 1));
    // Node's --cpu-prof profiles the servers: Bun's run elsewhere.
    const onNode = (framework: Framework): boolean => runtimeOf(framework) === 'node';
    const frameworks = (values.framework ?? FRAMEWORKS.filter((f) => onNode(f) && casesOf(f).includes(way))) as Framework[];
    const profiled = [values.variant, ...(values.against === undefined ? [] : [values.against])];
    for (const framework of frameworks) {
      if (!onNode(framework)) throw new RangeError(`${framework} runs on Bun, which --cpu-prof cannot profile\n${USAGE}`);
      for (const variant of profiled) {
        if (!VARIANTS[framework]?.includes(variant) || !casesOf(framework).includes(way) || !serves(variant, way)) {
          throw new RangeError(`no ${variant} serving ${way.key} on ${framework}\n${USAGE}`);
        }
      }
    }
    const choice = { control: false, inHandler: values['in-handler'] ?? false };
    for (const framework of frameworks) {
      const variant = serverOf(values.variant, framework, choice);
      if (values.against === undefined) await profileOne(framework, variant, way, seconds, top);
      else
        await compareOne({
          framework,
          variant,
          baseline: serverOf(values.against, framework, choice),
          way,
          rounds,
          seconds,
          top,
        });
    }
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  killAll();
}
