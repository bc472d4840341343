/**
 * `npm run bench:recompiles [-- options]`: what V8 compiles, and throws out
 * to compile again, while one server takes load on each case in turn (the
 * order the timed benchmark serves them in), the hand-written check's server
 * beside ajax-guard's, from `node --trace-opt --trace-deopt`. A compilation
 * runs on a thread of its own, but its CPU time is the server's: in a timed
 * run, what a server compiles within a case is part of what it costs there.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { warm } from '../measure/measure.mjs';
import { MARKER, readTrace, type TraceSection } from '../report/v8-trace.mjs';
import { killAll, spawnChild } from './children.mjs';
import { AJAX_GUARD, CASES, type Case, casesOf, FRAMEWORKS, type Framework, HAND_WRITTEN, runtimeOf } from './plan.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = `npm run bench:recompiles [-- options]
  --framework NAME   only this framework (repeatable) [fastify]
  --case KEY         only this case (repeatable), served in this order: ${CASES.map((c) => c.key).join(', ')} [all]
  --seconds S        load per case [2]`;

const START_MS = 30_000;
// Compilations finished after the load stops are reported on the server's
// main thread within moments: they belong to the case just served.
const SETTLE_MS = 250;
const EMPTY: TraceSection = { compiled: [], deoptimized: [] };

// One server on every case in turn, traced; its trace, by case.
async function traceServer(framework: Framework, variant: string, cases: readonly Case[], seconds: number) {
  const load = await spawnChild(path.join(here, '..', 'measure', 'load.mjs'), [], 1, START_MS);
  const server = await spawnChild(path.join(here, '..', 'servers', 'server.mjs'), [framework, variant], 0, START_MS, [
    '--trace-opt',
    '--trace-deopt',
  ]);
  const target = { framework, variant, url: `http://127.0.0.1:${(server.info as { port: number }).port}`, server };
  for (const way of cases) {
    appendFileSync(server.log, `${MARKER} ${way.key}\n`);
    await warm(target, way, load, 16, seconds);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  }
  const trace = readTrace(readFileSync(server.log, 'utf8'));
  server.kill();
  load.kill();
  return trace;
}

const total = (section: TraceSection): string =>
  `${section.compiled.length} compiled in ${section.compiled.reduce((sum, one) => sum + one.ms, 0).toFixed(1)} ms, ` +
  `${section.deoptimized.length} thrown out`;

// What ajax-guard's server compiled, or threw out, in a case where the hand-written one's did not, by name.
function onlyIn(ours: TraceSection, theirs: TraceSection): string {
  const compiledThere = new Set(theirs.compiled.map((one) => one.name));
  const thrownThere = new Set(theirs.deoptimized.map((one) => one.name));
  const compiled = ours.compiled
    .filter((one) => !compiledThere.has(one.name))
    .map((one) => `${one.name} ${one.ms.toFixed(1)} ms`);
  const thrown = ours.deoptimized.filter((one) => !thrownThere.has(one.name)).map((one) => `${one.name} (${one.reason})`);
  return [`    compiled: ${compiled.join(', ') || 'nothing'}`, `    thrown out: ${thrown.join(', ') || 'nothing'}`].join('\n');
}

async function recompiles(framework: Framework, only: readonly string[] | undefined, seconds: number): Promise<void> {
  const cases = casesOf(framework, only);
  // One after the other: each has the server core to itself.
  const hand = await traceServer(framework, HAND_WRITTEN, cases, seconds);
  const ours = await traceServer(framework, AJAX_GUARD, cases, seconds);
  console.log(`## ${framework}: ${seconds} s of load per case, in this order`);
  for (const way of cases) {
    const theirs = hand.get(way.key) ?? EMPTY;
    const mine = ours.get(way.key) ?? EMPTY;
    console.log(`${way.key}\n  ${HAND_WRITTEN}: ${total(theirs)}\n  ${AJAX_GUARD}: ${total(mine)}`);
    console.log(`  only in ${AJAX_GUARD}'s server:\n${onlyIn(mine, theirs)}`);
  }
}

try {
  const { values } = parseArgs({
    options: {
      framework: { type: 'string', multiple: true },
      case: { type: 'string', multiple: true },
      seconds: { type: 'string', default: '2' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
  } else {
    const seconds = Number(values.seconds);
    if (!(seconds > 0)) throw new RangeError(`--seconds must be a positive number, got ${values.seconds}\n${USAGE}`);
    for (const key of values.case ?? []) {
      if (!CASES.some((c) => c.key === key)) throw new RangeError(`unknown --case ${key}\n${USAGE}`);
    }
    const frameworks = (values.framework ?? ['fastify']) as Framework[];
    for (const framework of frameworks) {
      // V8's flags trace Node's servers: Bun's run elsewhere.
      if (!FRAMEWORKS.includes(framework) || runtimeOf(framework) !== 'node') {
        throw new RangeError(
          `--framework must be one run on Node: ${FRAMEWORKS.filter((f) => runtimeOf(f) === 'node').join(', ')}\n${USAGE}`,
        );
      }
      await recompiles(framework, values.case, seconds);
    }
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  killAll();
}
