/**
 * The child's side of the parent's calls (see children.mts): one message in,
 * one reply out, matched by id. A child whose parent goes away exits, so no
 * server or load generator outlives the run.
 */

/** What a child can be asked to do, by command name. */
export type Commands = Record<string, (args: never) => unknown>;

interface Call {
  readonly id: number;
  readonly command: string;
  readonly args: unknown;
}

/** Tells the parent this child is ready (with `info`), then answers its calls with `commands`. */
export function answer(commands: Commands, info: unknown): void {
  const send = process.send?.bind(process);
  if (send === undefined)
    throw new Error('this script runs as a child of the benchmark (bench/http/orchestrate/run.mts), with an IPC channel');
  process.on('disconnect', () => process.exit(0));
  process.on('message', async ({ id, command, args }: Call) => {
    try {
      const run = commands[command];
      if (run === undefined) throw new Error(`unknown command ${command}`);
      send({ id, result: await run(args as never) });
    } catch (error) {
      send({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  send({ ready: info });
}

/** Tells the parent this child could not start, and exits. */
export function fail(error: unknown): void {
  const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.send?.({ failed: reason }, () => process.exit(1));
}
