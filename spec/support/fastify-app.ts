import type { FastifyInstance } from 'fastify';
import { callerFor } from './callers.js';
import type { RunningServer } from './http-server.js';

/**
 * Signs in, on every request, the caller a `Bearer token-N` header names
 * (see `callers.ts`) as `request.user`, as @fastify/jwt's hook would, and
 * sets a CORS-like `Vary: Origin`.
 */
export function signingIn(server: FastifyInstance): void {
  server.decorateRequest('user', null as never);
  server.addHook('onRequest', async (request, reply) => {
    (request as { user?: unknown }).user = callerFor(request.headers.authorization);
    reply.header('vary', 'Origin');
  });
}

/** Starts `server` on loopback with an ephemeral port. */
export async function started(server: FastifyInstance): Promise<RunningServer> {
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => server.close() };
}
