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
// True when the caller is signed in; else the refusal or the redirect is sent.
function allowsPage(request: FastifyRequest, reply: FastifyReply): boolean {
  const { accept = '' } = request.headers;
  if ((request as Signed).user) return true;
  if (scene.isScript(request.headers, () => accept.includes('text/html'))) {
    reply.code(401).headers(scene.LOGIN_REFUSAL_HEADERS).send(scene.seedRefusal());
  } else {
    const { headers, body } = scene.loginRedirect(request.url);
    reply.code(302).headers(headers).send(body);
  }
  return false;
}

// True when the caller holds the permission; else the 401 or 403 is sent.
function allowsAdmin(request: FastifyRequest, reply: FastifyReply): boolean {
  const { user } = request as Signed;
  if (user?.permissions.includes(scene.PERMISSION)) return true;
  if (!user) refuse(reply);
  else reply.code(403).headers(scene.FORBIDDEN_HEADERS).send(scene.seedForbidden());
  return false;
}

function requireLogin(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (allowsPage(request, reply)) done();
}

function requirePermission(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (allowsAdmin(request, reply)) done();
}

// The same checks in each route's own handler, the cheapest place Fastify
// has for one: no hook to run. A sync handler that has sent its answer
// returns nothing; an async one returns the reply, as Fastify asks.
const itemsIfSignedIn = (request: FastifyRequest, reply: FastifyReply) =>
  (request as Signed).user ? items() : void refuse(reply);
const itemsFromStore = (delayMs: number) => async (request: FastifyRequest, reply: FastifyReply) =>
  (await scene.storeSays((request as Signed).user, delayMs)) ? items() : refuse(reply);
const pageIfSignedIn = (request: FastifyRequest, reply: FastifyReply) => (allowsPage(request, reply) ? items() : undefined);
const itemsIfAdmin = (request: FastifyRequest, reply: FastifyReply) => (allowsAdmin(request, reply) ? items() : undefined);

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
  // `--in-handler`: the toMiddleware route keeps its hook, as it weighs one hook against another.
  'hand-written-in-handler': () =>
    listenFastify(
      scene
        .identifyFastify(Fastify())
        .get(scene.ROUTES.sync, itemsIfSignedIn)
        .get(scene.ROUTES.async, itemsFromStore(0))
        .get(scene.ROUTES.store, itemsFromStore(scene.STORE_DELAY_MS))
        .get(scene.ROUTES.login, pageIfSignedIn)
        .get(scene.ROUTES.permission, itemsIfAdmin)
        .get(scene.ROUTES.schema, { schema }, itemsIfSignedIn)
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
