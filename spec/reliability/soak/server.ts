/**
 * One soak server, in a process of its own so that its heap is its alone:
 * `node --expose-gc server.js <adapter>`, forked by run.js. It serves the
 * reliability specs' app for that adapter (see spec/support/frameworks.ts)
 * with four routes: `/me` (the default check), `/me-later` (an async check),
 * `/boom` (a handler that throws) and `/cycle` (a body JSON cannot hold). It
 * reports its URL, answers `heap` with its heap after a forced GC (and any
 * crash it saw), and exits on `stop` or when its parent goes.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { configure, type JsonResponse, jsonResponse, loginRequiredAjax } from 'ajax-guard';
import { callerOf, headerOf } from '../../support/callers.js';
import { FRAMEWORKS } from '../../support/frameworks.js';

/** The adapters soaked, by the name the reliability specs give their app. */
export const ADAPTERS: Readonly<Record<string, string>> = {
  express: 'Express 5',
  koa: 'Koa 3',
  fastify: 'Fastify 5',
  fetch: 'the Fetch API, served by @hono/node-server',
};

export interface HeapReport {
  readonly type: 'heap';
  readonly heapUsed: number;
  /** Unhandled rejections and uncaught exceptions seen so far. */
  readonly crashes: readonly string[];
}

class Account {
  @loginRequiredAjax()
  me(request: object): JsonResponse {
    return jsonResponse({ id: callerOf(request)?.id, request: headerOf(request, 'x-request-id') });
  }

  @loginRequiredAjax({ isAuthenticated: async (request: object) => callerOf(request) !== undefined })
  async meLater(request: object): Promise<JsonResponse> {
    return this.me(request);
  }

  @loginRequiredAjax()
  boom(_request: object): JsonResponse {
    throw new Error('the handler failed');
  }

  @loginRequiredAjax()
  cycle(_request: object): JsonResponse {
    const node: Record<string, unknown> = {};
    node.self = node;
    return jsonResponse(node);
  }
}

async function main(): Promise<void> {
  const crashes: string[] = [];
  process.on('unhandledRejection', (reason) => crashes.push(`unhandled rejection: ${String(reason)}`));
  process.on('uncaughtException', (error) => crashes.push(`uncaught exception: ${String(error)}`));
  process.on('disconnect', () => process.exit(0));
  // The Fetch runtime logs each failure /boom causes on purpose.
  console.error = () => {};

  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run the soak server with node --expose-gc');
  const framework = FRAMEWORKS.find(({ name }) => name === ADAPTERS[process.argv[2] ?? '']);
  if (framework === undefined) throw new Error(`unknown adapter ${process.argv[2]}; expected one of ${Object.keys(ADAPTERS)}`);
  // A Fetch Request carries no user: the app says how its requests authenticate.
  configure({ isAuthenticated: (request) => callerOf(request) !== undefined });
  const account = new Account();
  const server = await framework.start({
    '/me': (request) => account.me(request),
    '/me-later': (request) => account.meLater(request),
    '/boom': (request) => account.boom(request),
    '/cycle': (request) => account.cycle(request),
  });

  // The least of a few full collections, each after pending callbacks ran.
  async function heapAfterGc(): Promise<number> {
    let least = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      await nextTurn();
      gc?.();
      least = Math.min(least, process.memoryUsage().heapUsed);
    }
    return least;
  }

  process.on('message', async (message: { type: string }) => {
    if (message.type === 'heap') {
      const report: HeapReport = { type: 'heap', heapUsed: await heapAfterGc(), crashes };
      process.send?.(report);
    } else if (message.type === 'stop') {
      await server.close();
      process.exit(0);
    }
  });
  process.send?.({ type: 'listening', url: server.url });
}

if (require.main === module) void main();
