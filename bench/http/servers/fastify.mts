import type { Server } from 'node:http';
import { loginRequiredAjax } from 'ajax-guard';
import { toHandler, toMiddleware } from 'ajax-guard/fastify';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction } from 'fastify';
import { guardedRoutes } from './controllers.mjs';
import * as scene from './scenario.mjs';

type Signed = FastifyRequest & { user: scene.User | null };

/** Listens on 127.0.0.1 with an ephemeral port. */
export async function listenFastify(app: FastifyInstance): Promise<Server> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app.server;
}

const items = () => scene.ITEMS;
const schema = { response: { 200: scene.ITEMS_SCHEMA } };
const refuse = (reply: FastifyReply): FastifyReply => reply.code(401).headers(scene.REFUSAL_HEADERS).send(scene.seedRefusal());

// The idiomatic checks: preHandlers that answer ajax-guard's refusals themselves.
function requireUser(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if ((request as Signed).user) done();
  else refuse(reply);
}

const requireStore = (delayMs: number) => async (request: FastifyRequest, reply: FastifyReply) => {
  if (!(await scene.storeSays((request as Signed).user, delayMs))) return refuse(reply);
};

// Fastify has no content negotiation of its own (that is @fastify/accepts): a hand-written check looks for text/html.
function requireLogin(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const { accept = '' } = request.headers;
  if ((request as Signed).user) {
    done();
  } else if (scene.isScript(request.headers, () => accept.includes('text/html'))) {
    reply.code(401).headers(scene.LOGIN_REFUSAL_HEADERS).send(scene.seedRefusal());
  } else {
    const { headers, body } = scene.loginRedirect(request.url);
    reply.code(302).headers(headers).send(body);
  }
}

function requirePermission(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const { user } = request as Signed;
  if (!user) refuse(reply);
  else if (!user.permissions.includes(scene.PERMISSION))
    reply.code(403).headers(scene.FORBIDDEN_HEADERS).send(scene.seedForbidden());
  else done();
}

/** Fastify 5 servers, by variant: the bare one serves only the sync route, unchecked. */
export const variants: Record<string, scene.Start> = {
  bare: () => listenFastify(scene.identifyFastify(Fastify()).get(scene.ROUTES.sync, items)),
  'hand-written': () =>
    listenFastify(
      scene
        .identifyFastify(Fastify())
        .get(scene.ROUTES.sync, { preHandler: requireUser }, items)
        .get(scene.ROUTES.async, { preHandler: requireStore(0) }, items)
        .get(scene.ROUTES.store, { preHandler: requireStore(scene.STORE_DELAY_MS) }, items)
        .get(scene.ROUTES.login, { preHandler: requireLogin }, items)
        .get(scene.ROUTES.permission, { preHandler: requirePermission }, items)
        .get(scene.ROUTES.schema, { preHandler: requireUser, schema }, items)
        .get(scene.ROUTES.middleware, { preHandler: requireUser }, items),
    ),
  'ajax-guard': () => {
    const app = scene.identifyFastify(Fastify());
    const routes = guardedRoutes();
    for (const [route, handler] of Object.entries(routes)) app.get(route, toHandler(handler));
    app.get(scene.ROUTES.schema, { schema }, toHandler(routes[scene.ROUTES.sync] as (req: object) => unknown));
    app.get(scene.ROUTES.middleware, { preHandler: toMiddleware(loginRequiredAjax()) }, items);
    return listenFastify(app);
  },
};
