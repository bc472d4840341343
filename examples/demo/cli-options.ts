import { parseArgs } from 'node:util';
import { FRAMEWORKS, type Framework } from './servers/frameworks.js';

/** What `npm start` was asked for. */
export interface DemoOptions {
  readonly framework: Framework;
  /** 0 picks a free port; the demo prints the URL it got. */
  readonly port: number;
  readonly help: boolean;
}

/** A command line or PORT that the demo cannot run with: its message says what to fix. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: npm start [-- --framework ${FRAMEWORKS.join('|')}]
  --framework, -f   the framework that serves the demo (default: express)
  PORT              the port to listen on, on 127.0.0.1 (default: 3000; 0 picks a free one)`;

const DEFAULT_PORT = 3000;

const isFramework = (name: string): name is Framework => (FRAMEWORKS as readonly string[]).includes(name);

function readFramework(value: string): Framework {
  const name = value.toLowerCase();
  if (!isFramework(name)) throw new UsageError(`unknown framework "${value}": choose ${FRAMEWORKS.join(', ')}`);
  return name;
}

function readPort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port <= 65535)) throw new UsageError(`PORT must be a number from 0 to 65535, got "${value}"`);
  return port;
}

/**
 * Reads the demo's options from its arguments (after `npm start --`) and its
 * environment. Anything it cannot use is a `UsageError`.
 *
 * @example
 * readOptions(['--framework', 'koa'], { PORT: '0' }); // { framework: 'koa', port: 0, help: false }
 */
export function readOptions(args: readonly string[], env: Readonly<Record<string, string | undefined>>): DemoOptions {
  let values: { framework?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { framework: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    // parseArgs explains an unknown option or a missing value well; only the type changes.
    throw new UsageError((error as Error).message);
  }
  return {
    framework: readFramework(values.framework ?? 'express'),
    port: readPort(env.PORT),
    help: values.help ?? false,
  };
}
