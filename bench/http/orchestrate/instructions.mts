/**
 * `npm run bench:instructions [-- options]`: the instructions a server runs
 * per request, hand-written check beside ajax-guard, counted by valgrind's
 * callgrind. Where the timed benchmark moves by several percent between
 * runs on a busy machine, an instruction count repeats within about 0.3%: it
 * settles a difference of a few percent that timing cannot. It counts no
 * system calls and no cache misses, so it complements the timed run rather
 * than replacing it. Needs valgrind (Debian's `valgrind` package).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compilationInstructions, countedInstructions } from '../report/callgrind.mjs';
import { killAll, spawnChild } from './children.mjs';
import { AJAX_GUARD, CASES, type Case, casesOf, FRAMEWORKS, type Framework, HAND_WRITTEN, runtimeOf, serverOf } from './plan.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = `npm run bench:instructions [-- options]
  --framework NAME   only this framework (repeatable) [express, koa, fastify]
  --case KEY         only this case (repeatable): ${CASES.map((c) => c.key).join(', ')} [sync-200]
  --warm N           requests before the counted ones [1500]
  --warm-seconds S   and for at least S seconds [12]
  --requests N       requests counted [3000]
  --in-handler       Fastify's hand-written check in each route's handler, not a preHandler hook`;

// One thread (no concurrent compiler or collector, whose work would land in
// one run and not the other), collections at fixed points, and a small
// interrupt budget, so that V8 has optimized the request path within the
// warm-up: with its default it is still compiling after 4,500 requests.
const NODE_OPTIONS = ['--single-threaded', '--predictable-gc-schedule', '--interrupt-budget=4096'];
// Under valgrind a server starts in tens of seconds and answers in milliseconds.
const START_MS = 300_000;
const REQUEST_MS = 60_000;
// vgdb waits 100 ms before it interrupts a process blocked in a system call.
const VGDB_MS = 30_000;

// Sends `count` requests one after another through `agent` (one keep-alive
// connection), and more until `forMs` milliseconds have passed; each must
// answer the case's status.
async function send(agent: http.Agent, port: number, way: Case, count: number, forMs = 0): Promise<void> {
  const until = Date.now() + forMs;
  for (let i = 0; i < count || Date.now() < until; i++) {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = http.get({ host: '127.0.0.1', port, path: way.route, headers: way.headers, agent }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      });
      request.on('error', reject);
      request.setTimeout(REQUEST_MS, () => request.destroy(new Error(`no answer within ${REQUEST_MS} ms`)));
    });
    if (status !== way.status) throw new Error(`${way.route} answered ${status}, not ${way.status}`);
  }
}

/** Instructions per counted request: all, and those not spent in V8's compilers. */
interface Count {
  readonly all: number;
  readonly working: number;
}

// Sends callgrind in process `pid` a command through valgrind's gdbserver.
// The server is idle in its event loop then, and vgdb interrupts the wait
// for it (ptrace), so the command lands between two requests.
function tellCallgrind(pid: number, command: 'zero' | 'dump'): void {
  const result = spawnSync('vgdb', [`--pid=${pid}`, command], { encoding: 'utf8', timeout: VGDB_MS });
  if (result.status !== 0) {
    const why = result.error?.message ?? result.stderr.trim();
    throw new Error(`vgdb could not tell callgrind to ${command} (does ptrace work here?): ${why}`);
  }
}

/**
 * The warm-up: at least this many requests, for at least this many seconds.
 * The seconds are there for what a server does by the clock: an async
 * check's shared deadline timer first fires 10 s in (the default
 * `checkTimeout`), and V8 then recompiles the functions whose optimized code
 * never saw it re-armed. Within the warm-up, that is not counted as the
 * work of answering.
 */
interface WarmUp {
  readonly requests: number;
  readonly seconds: number;
}

// One server under callgrind: the warm-up, then the counters zeroed,
// `counted` requests, and the counters written out. Only the counted
// requests are in the figure: start-up, warm-up and exit, whose cost moves
// by more between runs than a whole difference the count is there to see,
// are not counted at all.
async function countRequests(framework: Framework, variant: string, way: Case, warm: WarmUp, counted: number): Promise<Count> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ajax-guard-callgrind-'));
  const output = path.join(dir, 'callgrind.out');
  try {
    const valgrind = ['--tool=callgrind', `--callgrind-out-file=${output}`, '--smc-check=all-non-file', process.execPath];
    const script = path.join(here, '..', 'servers', 'server.mjs');
    const server = await spawnChild(script, [framework, variant], 0, START_MS, [...valgrind, ...NODE_OPTIONS], 'valgrind');
    const port = (server.info as { port: number }).port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await send(agent, port, way, warm.requests, warm.seconds * 1000);
      tellCallgrind(server.pid, 'zero');
      await send(agent, port, way, counted);
      tellCallgrind(server.pid, 'dump');
    } finally {
      agent.destroy();
    }
    await server.exit(START_MS);
    // A dump is written beside the output file, numbered.
    const text = readFileSync(`${output}.1`, 'utf8');
    const all = countedInstructions(text);
    return { all: all / counted, working: (all - compilationInstructions(text)) / counted };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      framework: { type: 'string', multiple: true },
      case: { type: 'string', multiple: true },
      warm: { type: 'string', default: '1500' },
      'warm-seconds': { type: 'string', default: '12' },
      requests: { type: 'string', default: '3000' },
      'in-handler': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    throw new Error(`valgrind is not installed (Debian: apt-get install valgrind)\n${USAGE}`);
  }
  const warm = { requests: Number(values.warm), seconds: Number(values['warm-seconds']) };
  const counted = Number(values.requests);
  if (!(Number.isInteger(warm.requests) && warm.requests >= 0 && Number.isInteger(counted) && counted > 0)) {
    throw new RangeError(`--warm and --requests must be whole numbers, --requests above 0\n${USAGE}`);
  }
  if (!(warm.seconds >= 0 && warm.seconds <= 600)) {
    throw new RangeError(`--warm-seconds must be a number of seconds from 0 to 600\n${USAGE}`);
  }
  const keys = values.case ?? ['sync-200'];
  const ways = keys.map((key) => CASES.find((c) => c.key === key) ?? unknown('case', key));
  const frameworks = (values.framework ?? ['express', 'koa', 'fastify']) as Framework[];
  // Each figure twice: all instructions, then those left once V8's compilers are taken out.
  console.log(
    '| framework | case | hand-written instructions/req | ajax-guard instructions/req | ×hand | ×hand, compilers out |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  const choice = { control: false, inHandler: values['in-handler'] ?? false };
  for (const framework of frameworks) {
    if (!FRAMEWORKS.includes(framework) || runtimeOf(framework) !== 'node') unknown('framework (on Node)', framework);
    for (const way of ways.filter((c) => casesOf(framework).includes(c))) {
      const hand = await countRequests(framework, serverOf(HAND_WRITTEN, framework, choice), way, warm, counted);
      const guard = await countRequests(framework, AJAX_GUARD, way, warm, counted);
      const both = ({ all, working }: Count): string => `${(all / 1000).toFixed(1)}k / ${(working / 1000).toFixed(1)}k`;
      const ratios = `${(guard.all / hand.all).toFixed(3)} | ${(guard.working / hand.working).toFixed(3)}`;
      console.log(`| ${framework} | ${way.key} | ${both(hand)} | ${both(guard)} | ${ratios} |`);
    }
  }
}

function unknown(what: string, name: string): never {
  throw new RangeError(`unknown --${what} ${name}\n${USAGE}`);
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  killAll();
}
