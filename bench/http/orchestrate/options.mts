/** The command line of `npm run bench`. */
import { parseArgs } from 'node:util';
import { CASES, FRAMEWORKS, type Framework } from './plan.mjs';

export interface Options {
  /** Interleaved rounds: every variant on every case once per round. */
  readonly rounds: number;
  /** Seconds of measured load per variant, case and round, in two halves (see rounds.mts). */
  readonly duration: number;
  /** Seconds of unmeasured load before each variant's case each round, and before each half (0: none). */
  readonly warmup: number;
  /** Concurrent keep-alive connections of the load generator. */
  readonly connections: number;
  readonly frameworks: readonly Framework[];
  /** Only these cases (by key); all when undefined. */
  readonly cases: readonly string[] | undefined;
  /** Leave the peers out. */
  readonly noPeers: boolean;
  /** A control run: the hand-written check serves in ajax-guard's place, so every ajax-guard ratio should read 1. */
  readonly control: boolean;
  /** Fastify's hand-written check written in each route's handler, not a preHandler hook. */
  readonly inHandler: boolean;
  /** Where the JSON report goes; the Markdown one goes beside it. */
  readonly out: string;
}

const FULL = { rounds: 9, duration: 2, warmup: 0.25 };
// About two and a half minutes in all, on two cores.
const QUICK = { rounds: 3, duration: 0.4, warmup: 0.05 };

export const USAGE = `npm run bench [-- options]
  --quick              ${QUICK.rounds} rounds of ${QUICK.duration} s (about two and a half minutes)
  --rounds N           interleaved rounds [${FULL.rounds}]
  --duration S         measured seconds per variant, case and round, in two halves [${FULL.duration}]
  --warmup S           unmeasured seconds before each half, 0 for none [${FULL.warmup}]
  --connections N      keep-alive connections of the load generator [16]
  --framework NAME     only this framework (repeatable): ${FRAMEWORKS.join(', ')}
  --case KEY           only this case (repeatable): ${CASES.map((c) => c.key).join(', ')}
  --no-peers           leave NestJS and routing-controllers out
  --control            serve the hand-written check in ajax-guard's place: ratios that
                       should all be 1, off by what this machine and method read as noise
  --in-handler         write Fastify's hand-written check in each route's handler, not in a
                       preHandler hook: the cheapest place Fastify has for it
  --out FILE           the JSON report, the Markdown table beside it [build/bench/http-report.json]`;

function positive(name: string, text: string | undefined, fallback: number, least = Number.MIN_VALUE): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!(value >= least)) throw new RangeError(`--${name} must be a number of at least ${least}, got ${text}\n${USAGE}`);
  return value;
}

function known<T extends string>(what: string, names: readonly string[] | undefined, all: readonly T[]): T[] | undefined {
  for (const name of names ?? []) {
    if (!all.includes(name as T)) throw new RangeError(`unknown --${what} ${name}\n${USAGE}`);
  }
  return names as T[] | undefined;
}

/** Reads the options from `argv` (without node and the script). */
export function parseOptions(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      framework: { type: 'string', multiple: true },
      case: { type: 'string', multiple: true },
      'no-peers': { type: 'boolean', default: false },
      control: { type: 'boolean', default: false },
      'in-handler': { type: 'boolean', default: false },
      out: { type: 'string', default: 'build/bench/http-report.json' },
    },
  });
  const base = values.quick ? QUICK : FULL;
  return {
    rounds: Math.round(positive('rounds', values.rounds, base.rounds)),
    duration: positive('duration', values.duration, base.duration),
    warmup: positive('warmup', values.warmup, base.warmup, 0),
    connections: Math.round(positive('connections', values.connections, 16)),
    frameworks: known('framework', values.framework, FRAMEWORKS) ?? [...FRAMEWORKS],
    cases: known(
      'case',
      values.case,
      CASES.map((c) => c.key),
    ),
    noPeers: values['no-peers'] ?? false,
    control: values.control ?? false,
    inHandler: values['in-handler'] ?? false,
    out: values.out ?? 'build/bench/http-report.json',
  };
}
