/**
 * The schedule of a run. Each round, each framework's variants get fresh
 * server processes (each serving every case's route), measured on each case and then stopped: a process's
 * luck (where its memory and code landed) varies by some percent and lasts
 * as long as the process, so it must change every round to average out.
 * Within a case, the variants that serve it are measured in one order, then in the reverse
 * order, half the duration each time: every variant's two halves centre on
 * the same moment, so a machine that slows down or speeds up during the
 * round weighs on all variants alike.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { combine, measure, type Part, type Target, warm } from '../measure/measure.mjs';
import { type Answer, probe } from '../measure/probe.mjs';
import type { Report, Series } from '../report/report.mjs';
import { type Child, spawnChild } from './children.mjs';
import type { Options } from './options.mjs';
import { casesOf, type Framework, isPeer, rotate, type ServerChoice, serverOf, serves, VARIANTS } from './plan.mjs';
import { executableFor } from './runtimes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Servers share one core, the load generator has the other. */
export const SERVER_CORE = 0;
export const LOAD_CORE = 1;
// NestJS takes the longest to start: about a second here.
const START_TIMEOUT_MS = 30_000;

type Unavailable = Report['unavailable'][number];

/** What a run measured. */
export interface Measured {
  readonly series: Series[];
  readonly answers: Answer[];
  readonly unavailable: Unavailable[];
}

async function startServer(framework: Framework, variant: string, choice: ServerChoice): Promise<Target> {
  const server = await spawnChild(
    path.join(here, '..', 'servers', 'server.mjs'),
    [framework, serverOf(variant, framework, choice)],
    SERVER_CORE,
    START_TIMEOUT_MS,
    [],
    executableFor(framework),
  );
  return { framework, variant, url: `http://127.0.0.1:${(server.info as { port: number }).port}`, server };
}

// In the first round, a peer that does not start is reported, not faked; the rest must start, every round.
async function startServers(
  framework: Framework,
  variants: readonly string[],
  choice: ServerChoice,
  unavailable: Unavailable[] | undefined,
): Promise<Target[]> {
  const targets: Target[] = [];
  for (const variant of variants) {
    try {
      targets.push(await startServer(framework, variant, choice));
    } catch (error) {
      if (!isPeer(variant) || unavailable === undefined) throw error;
      unavailable.push({ framework, variant, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return targets;
}

/** Runs every round; `log` hears of progress. */
export async function runRounds(options: Options, log: (message: string) => void): Promise<Measured> {
  const { connections, warmup, duration } = options;
  const load: Child = await spawnChild(path.join(here, '..', 'measure', 'load.mjs'), [], LOAD_CORE, START_TIMEOUT_MS);
  const unavailable: Unavailable[] = [];
  const variantsOf = new Map(
    options.frameworks.map((framework) => [framework, VARIANTS[framework].filter((v) => !(options.noPeers && isPeer(v)))]),
  );
  const series = new Map<string, Series>();
  let answers: Answer[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (const framework of options.frameworks) {
      const variants = variantsOf.get(framework) ?? [];
      const targets = await startServers(framework, variants, options, round === 0 ? unavailable : undefined);
      try {
        const cases = casesOf(framework, options.cases);
        if (round === 0) {
          variantsOf.set(
            framework,
            targets.map((target) => target.variant),
          );
          // Every case is probed, measured or not: one request each proves the answers alike.
          answers = [...answers, ...(await probe(targets, casesOf(framework)))];
        }
        for (const c of cases) {
          const order = rotate(
            targets.filter((target) => serves(target.variant, c)),
            round,
          );
          for (const target of order) await warm(target, c, load, connections, warmup);
          const parts = new Map<Target, Part[]>(order.map((target) => [target, []]));
          for (const target of [...order, ...[...order].reverse()]) {
            await warm(target, c, load, connections, warmup);
            parts.get(target)?.push(await measure(target, c, load, connections, duration / 2));
          }
          for (const [target, measured] of parts) {
            const key = `${framework} ${target.variant} ${c.key}`;
            const entry = series.get(key) ?? { framework, variant: target.variant, case: c.key, samples: [] };
            entry.samples.push(combine(target, c, round, measured));
            series.set(key, entry);
          }
        }
      } finally {
        for (const target of targets) target.server.kill();
      }
    }
    log(`round ${round + 1}/${options.rounds} done`);
  }
  return { series: [...series.values()], answers, unavailable };
}
