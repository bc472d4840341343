import type { Server } from 'node:http';
import { toHandler } from 'ajax-guard/fastify';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction } from 'fastify';
import { identifyFastify } from '../identity.mjs';
import { ITEMS, REFUSAL_HEADERS, ROUTE, seedRefusal } from '../scenario.mjs';
import { ItemsController } from './controller.mjs';
import type { Start } from './listen.mjs';

type Signed = FastifyRequest & { user: object | null };

/** Listens on 127.0.0.1 with an ephemeral port. */
export async function listenFastify(app: FastifyInstance): Promise<Server> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app.server;
}

const items = () => ITEMS;

// The idiomatic check: a preHandler that answers the seed's 401 itself.
function requireUser(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if ((request as Signed).user) done();
  else reply.code(401).headers(REFUSAL_HEADERS).send(seedRefusal());
}

/** Fastify 5 servers, by variant. */
export const variants: Record<string, Start> = {
  bare: () => listenFastify(identifyFastify(Fastify()).get(ROUTE, items)),
  'hand-written': () => listenFastify(identifyFastify(Fastify()).get(ROUTE, { preHandler: requireUser }, items)),
  'ajax-guard': () => {
    const controller = new ItemsController();
    return listenFastify(
      identifyFastify(Fastify()).get(
        ROUTE,
        toHandler((request) => controller.list(request)),
      ),
    );
  },
};
