/**
 * `npm run bench`: every framework's variants on both paths, on 127.0.0.1,
 * servers on one core and the load generator on the other, interleaved over
 * rounds. Prints Markdown tables on stdout (progress goes to stderr) and
 * writes the JSON report. See `--help`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canPin, killAll, spawnChild } from './children.mjs';
import { measure, type Target, warm } from './measure.mjs';
import { type Options, parseOptions, USAGE } from './options.mjs';
import { isPeer, PATHS, rotate, VARIANTS } from './plan.mjs';
import { probe } from './probe.mjs';
import { type Report, type Series, summarize } from './report.mjs';
import { formatReport } from './table.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SERVER_CORE = 0;
const LOAD_CORE = 1;
// NestJS takes the longest to start: well under a second here.
const START_TIMEOUT_MS = 30_000;

type Unavailable = Report['unavailable'][number];

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

// A peer that does not install or start is reported, not faked; the rest must start.
async function startTargets(options: Options, unavailable: Unavailable[]): Promise<Target[]> {
  const targets: Target[] = [];
  for (const framework of options.frameworks) {
    for (const variant of VARIANTS[framework]) {
      if (options.noPeers && isPeer(variant)) continue;
      try {
        const server = await spawnChild(path.join(here, 'server.mjs'), [framework, variant], SERVER_CORE, START_TIMEOUT_MS);
        const { port } = server.info as { port: number };
        targets.push({ framework, variant, url: `http://127.0.0.1:${port}`, server });
      } catch (error) {
        if (!isPeer(variant)) throw error;
        unavailable.push({ framework, variant, reason: error instanceof Error ? error.message : String(error) });
        log(`${variant} on ${framework}: not available (${String(error).split('\n')[0]})`);
      }
    }
  }
  return targets;
}

function versions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const names = ['express', 'koa', '@koa/router', 'fastify', '@nestjs/core', 'routing-controllers', 'autocannon'];
  return Object.fromEntries(
    names.map((name) => {
      try {
        return [name, (require(`${name}/package.json`) as { version: string }).version];
      } catch {
        return [name, 'not installed'];
      }
    }),
  );
}

async function run(options: Options): Promise<Report> {
  const startedAt = new Date().toISOString();
  const unavailable: Unavailable[] = [];
  const load = await spawnChild(path.join(here, 'load.mjs'), [], LOAD_CORE, START_TIMEOUT_MS);
  const targets = await startTargets(options, unavailable);
  const answers = await probe(targets);
  const { connections, warmup, duration } = options;
  log(
    `${targets.length} servers up${canPin ? ` on core ${SERVER_CORE}, load on core ${LOAD_CORE}` : ' (taskset not found: unpinned)'}`,
  );
  for (const target of targets) for (const way of PATHS) await warm(target, way, load, connections, warmup);

  // Interleaved: each round measures every variant of a framework back to
  // back, so the ratios of one round compare figures taken minutes apart at most.
  const series = new Map<string, Series>();
  for (let round = 0; round < options.rounds; round++) {
    for (const way of PATHS) {
      for (const framework of options.frameworks) {
        const ofFramework = targets.filter((target) => target.framework === framework);
        for (const target of rotate(ofFramework, round)) {
          await warm(target, way, load, connections, warmup);
          const sample = await measure(target, way, load, connections, duration, round);
          const key = `${framework} ${target.variant} ${way}`;
          const entry = series.get(key) ?? { framework, variant: target.variant, path: way, samples: [] };
          entry.samples.push(sample);
          series.set(key, entry);
        }
      }
    }
    log(`round ${round + 1}/${options.rounds} done`);
  }

  const { rows, targets: checks } = summarize([...series.values()]);
  const meta = {
    startedAt,
    finishedAt: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    pinned: canPin ? { servers: SERVER_CORE, load: LOAD_CORE } : false,
    serverEnv: { NODE_ENV: 'production' },
    options,
    versions: versions(),
  };
  return { meta, unavailable, rows, targets: checks, answers };
}

if (process.argv.includes('--help')) {
  console.log(USAGE);
} else {
  try {
    const options = parseOptions(process.argv.slice(2));
    const report = await run(options);
    await mkdir(path.dirname(options.out), { recursive: true });
    await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(formatReport(report));
    console.log(`\nJSON report: ${options.out}`);
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    killAll();
  }
}
