/**
 * `npm run bench`: every framework's variants on every case, on 127.0.0.1,
 * servers on one core and the load generator on the other, interleaved over
 * rounds (see rounds.mts). Prints one Markdown table on stdout (progress goes
 * to stderr) and writes the JSON report and the table beside it. See `--help`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { type Report, summarize } from '../report/report.mjs';
import { formatReport } from '../report/table.mjs';
import { canPin, killAll } from './children.mjs';
import { type Options, parseOptions, USAGE } from './options.mjs';
import { serverOf, VARIANTS } from './plan.mjs';
import { LOAD_CORE, runRounds, SERVER_CORE } from './rounds.mjs';

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

// A package's version from its package.json, found up from its entry point
// when its exports do not expose it (as @koa/router's do not).
function versionOf(name: string): string {
  const require = createRequire(import.meta.url);
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    try {
      for (let dir = path.dirname(require.resolve(name)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const file = path.join(dir, 'package.json');
        const found = existsSync(file)
          ? (JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string })
          : undefined;
        if (found?.name === name) return found.version;
      }
    } catch {}
    return 'not installed';
  }
}

// Above a control run's table, whose ajax-guard column is the hand-written check again.
const CONTROL_NOTE =
  "Control run: the hand-written check served in ajax-guard's place. Each ratio compares two copies of the same code; " +
  'how far it strays from 1 is what this machine and method read where there is no difference to find.';

// Above the table of a run whose Fastify hand-written check is in its handlers.
const IN_HANDLER_NOTE =
  "Fastify's hand-written check written in each route's handler, not in a preHandler hook: the cheapest place Fastify has for it.";

// The server that serves in each variant's place, by framework (`serverOf`): itself, unless the options chose another.
const serversOf = (options: Options): Record<string, Record<string, string>> =>
  Object.fromEntries(
    options.frameworks.map((framework) => [
      framework,
      Object.fromEntries(VARIANTS[framework].map((variant) => [variant, serverOf(variant, framework, options)])),
    ]),
  );

// The notes above a run's table: what stood in for what.
const notesOf = (options: Options): string =>
  [options.control ? CONTROL_NOTE : '', options.inHandler ? IN_HANDLER_NOTE : '']
    .filter((note) => note !== '')
    .map((note) => `${note}\n\n`)
    .join('');

const PACKAGES = ['express', 'koa', '@koa/router', 'fastify', '@nestjs/core', 'routing-controllers', 'autocannon'];

async function run(options: Options): Promise<Report> {
  const startedAt = new Date().toISOString();
  log(canPin ? `servers on core ${SERVER_CORE}, load on core ${LOAD_CORE}` : 'taskset not found: processes unpinned');
  const { series, answers, unavailable } = await runRounds(options, log);
  for (const { framework, variant, reason } of unavailable) log(`${variant} on ${framework}: not available (${reason})`);
  const { rows, targets, otherGuards } = summarize(series);
  const meta = {
    startedAt,
    finishedAt: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    pinned: canPin ? { servers: SERVER_CORE, load: LOAD_CORE } : false,
    serverEnv: { NODE_ENV: 'production' },
    options,
    servers: serversOf(options),
    versions: Object.fromEntries(PACKAGES.map((name) => [name, versionOf(name)])),
  };
  return { meta, unavailable, rows, targets, otherGuards, answers };
}

if (process.argv.includes('--help')) {
  console.log(USAGE);
} else {
  try {
    const options = parseOptions(process.argv.slice(2));
    const report = await run(options);
    await mkdir(path.dirname(options.out), { recursive: true });
    await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
    const table = `${notesOf(options)}${formatReport(report)}`;
    const markdown = options.out.replace(/(\.json)?$/, '.md');
    const { startedAt, node, cpuModel } = report.meta as Record<string, string>;
    await writeFile(markdown, `${startedAt}, Node ${node}, ${cpuModel}, ${JSON.stringify(options)}\n\n${table}\n`);
    console.log(table);
    console.log(`\nJSON report: ${options.out}\nMarkdown: ${markdown}`);
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    killAll();
  }
}
