import { configure } from 'ajax-guard';
import { readOptions, USAGE, UsageError } from './cli-options.js';
import { loadServer } from './servers/frameworks.js';
import { startUpMessage } from './start-up-message.js';

// The demo answers on loopback only: it is for the person at this machine.
const HOST = '127.0.0.1';

// A bad command line exits 2, as shells and most command-line tools do.
const EXIT_USAGE = 2;

const isAddressInUse = (error: unknown): boolean => (error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE';

/** Runs the demo: `npm start [-- --framework express|koa|fastify]`, PORT from the environment. */
async function main(): Promise<void> {
  let options: ReturnType<typeof readOptions>;
  try {
    options = readOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`ajax-guard demo: ${error.message}\n\n${USAGE}`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }

  const { now } = options;
  if (now !== undefined) configure({ clock: () => now });

  const start = await loadServer(options.framework);
  let server: Awaited<ReturnType<typeof start>>;
  try {
    server = await start({ host: HOST, port: options.port });
  } catch (error) {
    if (!isAddressInUse(error)) throw error;
    console.error(`ajax-guard demo: port ${options.port} is in use; choose another, e.g. PORT=3001 npm start`);
    process.exitCode = 1;
    return;
  }

  console.log(startUpMessage(options.framework, server.url));
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
