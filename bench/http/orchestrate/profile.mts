/**
 * `npm run bench:profile [-- options]`: one variant's server per framework
 * under load on one case, run with `node --cpu-prof`, and where its CPU time
 * went. The profiles stay in build/bench/profiles/ (never committed).
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { combine, measure, warm } from '../measure/measure.mjs';
import { type CpuProfile, type Share, summarizeProfile } from '../report/cpu-profile.mjs';
import { killAll, spawnChild } from './children.mjs';
import { CASES, type Case, casesOf, FRAMEWORKS, type Framework, runtimeOf, serves, VARIANTS } from './plan.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = `npm run bench:profile [-- options]
  --framework NAME   only this framework (repeatable) [all]
  --variant NAME     the variant to profile [ajax-guard]
  --case KEY         ${CASES.map((c) => c.key).join(', ')} [sync-401]
  --seconds S        measured load [5]
  --top N            functions listed [15]`;

const list = (shares: readonly Share[]): string =>
  shares.map(({ name, percent }) => `  ${percent.toFixed(1).padStart(5)}%  ${name}`).join('\n');

async function profileOne(framework: Framework, variant: string, way: Case, seconds: number, top: number): Promise<void> {
  const dir = path.resolve('build/bench/profiles', `${framework}-${variant}-${way.key}`);
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
  const sample = combine(target, way, 0, [await measure(target, way, load, 16, seconds)]);
  await server.exit(10_000);
  await load.exit(5_000);
  const [file] = (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no profile written in ${dir}`);
  const summary = summarizeProfile(JSON.parse(await readFile(path.join(dir, file), 'utf8')) as CpuProfile, top);
  console.log(`## ${framework} ${variant}, ${way.key}: ${sample.cpuMicrosPerRequest.toFixed(1)} µs CPU per request`);
  console.log(`profile: ${path.relative(process.cwd(), path.join(dir, file))}`);
  console.log(`self time by place (% of busy samples):\n${list(summary.places)}`);
  console.log(`self time by function:\n${list(summary.functions)}`);
  console.log(`in ajax-guard's functions and what they call: ${summary.underAjaxGuard.toFixed(1)}%\n`);
}

try {
  const { values } = parseArgs({
    options: {
      framework: { type: 'string', multiple: true },
      variant: { type: 'string', default: 'ajax-guard' },
      case: { type: 'string', default: 'sync-401' },
      seconds: { type: 'string', default: '5' },
      top: { type: 'string', default: '15' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
  } else {
    const way = CASES.find((c) => c.key === values.case);
    if (way === undefined) throw new RangeError(`unknown --case ${values.case}\n${USAGE}`);
    // Node's --cpu-prof profiles the servers: Bun's run elsewhere.
    const onNode = (framework: Framework): boolean => runtimeOf(framework) === 'node';
    const frameworks = (values.framework ?? FRAMEWORKS.filter((f) => onNode(f) && casesOf(f).includes(way))) as Framework[];
    for (const framework of frameworks) {
      if (!onNode(framework)) throw new RangeError(`${framework} runs on Bun, which --cpu-prof cannot profile\n${USAGE}`);
      if (!VARIANTS[framework]?.includes(values.variant) || !casesOf(framework).includes(way) || !serves(values.variant, way)) {
        throw new RangeError(`no ${values.variant} serving ${way.key} on ${framework}\n${USAGE}`);
      }
      await profileOne(framework, values.variant, way, Number(values.seconds), Number(values.top));
    }
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  killAll();
}
