/** The command line of `npm run bench`. */
import { parseArgs } from 'node:util';
import { FRAMEWORKS, type Framework } from './plan.mjs';

export interface Options {
  /** Interleaved rounds: every variant on both paths once per round. */
  readonly rounds: number;
  /** Seconds of measured load per variant, path and round, in two halves (see run.mts). */
  readonly duration: number;
  /** Seconds of unmeasured load just before each half, and per variant and path before the first round (0: none). */
  readonly warmup: number;
  /** Concurrent keep-alive connections of the load generator. */
  readonly connections: number;
  readonly frameworks: readonly Framework[];
  /** Leave the peers out. */
  readonly noPeers: boolean;
  /** Where the JSON report goes. */
  readonly out: string;
}

const FULL = { rounds: 9, duration: 2, warmup: 0.25 };
// Under two minutes in all, on two cores.
const QUICK = { rounds: 3, duration: 0.5, warmup: 0.1 };

export const USAGE = `npm run bench [-- options]
  --quick              ${QUICK.rounds} rounds of ${QUICK.duration} s (under two minutes)
  --rounds N           interleaved rounds [${FULL.rounds}]
  --duration S         measured seconds per variant, path and round, in two halves [${FULL.duration}]
  --warmup S           unmeasured seconds before each half, 0 for none [${FULL.warmup}]
  --connections N      keep-alive connections of the load generator [16]
  --framework NAME     only this framework (repeatable): ${FRAMEWORKS.join(', ')}
  --no-peers           leave NestJS and routing-controllers out
  --out FILE           the JSON report [build/bench/http-report.json]`;

function positive(name: string, text: string | undefined, fallback: number, least = Number.MIN_VALUE): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!(value >= least)) throw new RangeError(`--${name} must be a number of at least ${least}, got ${text}\n${USAGE}`);
  return value;
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
      'no-peers': { type: 'boolean', default: false },
      out: { type: 'string', default: 'build/bench/http-report.json' },
    },
  });
  const base = values.quick ? QUICK : FULL;
  const frameworks = (values.framework ?? [...FRAMEWORKS]) as Framework[];
  for (const name of frameworks) {
    if (!FRAMEWORKS.includes(name)) throw new RangeError(`unknown --framework ${name}\n${USAGE}`);
  }
  return {
    rounds: Math.round(positive('rounds', values.rounds, base.rounds)),
    duration: positive('duration', values.duration, base.duration),
    warmup: positive('warmup', values.warmup, base.warmup, 0),
    connections: Math.round(positive('connections', values.connections, 16)),
    frameworks,
    noPeers: values['no-peers'] ?? false,
    out: values.out ?? 'build/bench/http-report.json',
  };
}
