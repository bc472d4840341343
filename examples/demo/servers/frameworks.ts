import type { StartDemo } from './demo-server.js';

/** The frameworks the demo runs on, as `--framework` names them. */
export const FRAMEWORKS = ['express', 'koa', 'fastify'] as const;

/** One of `FRAMEWORKS`. */
export type Framework = (typeof FRAMEWORKS)[number];

// Loaded on demand: the demo on Koa loads neither Express nor Fastify.
const loaders: Readonly<Record<Framework, () => Promise<StartDemo>>> = {
  express: async () => (await import('./express.js')).startExpress,
  koa: async () => (await import('./koa.js')).startKoa,
  fastify: async () => (await import('./fastify.js')).startFastify,
};

/**
 * The function that starts the demo on `framework`.
 *
 * @example
 * const server = await (await loadServer('koa'))({ host: '127.0.0.1', port: 0 });
 */
export const loadServer = (framework: Framework): Promise<StartDemo> => loaders[framework]();
