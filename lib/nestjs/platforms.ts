import type { ServerResponse } from 'node:http';
import { describeValue } from '../internal/describe-value.js';
import { serveWithin } from './request-scope.js';

/** What the module uses of Nest's HTTP adapter (`HttpAdapterHost.httpAdapter`). */
export interface NestHttpAdapter {
  getType(): string;
  getInstance(): unknown;
  use(...handlers: unknown[]): unknown;
  reply(response: unknown, body: unknown, statusCode?: number): unknown;
}

/** Registers, ahead of every route, what makes the request current while Nest serves it. */
export type EnterRequests = (adapter: NestHttpAdapter) => void;

type NodeNext = (error?: unknown) => void;
interface FastifyLike {
  addHook(name: 'preHandler', hook: (request: object, reply: unknown, done: () => void) => void): unknown;
}

// Express calls the route within `next`, so everything after it runs in scope.
const onExpress: EnterRequests = (adapter) =>
  adapter.use((req: object, _res: ServerResponse, next: NodeNext) => serveWithin(req, next));

// A preHandler, not Nest's middleware (@fastify/middie runs them at
// onRequest): Fastify calls the route from the last preHandler's `done`,
// once the body is read, where a scope entered at onRequest no longer reaches.
const onFastify: EnterRequests = (adapter) =>
  (adapter.getInstance() as FastifyLike).addHook('preHandler', (request, _reply, done) => serveWithin(request, done));

/** How requests become current on Nest's platform; any but Express and Fastify is a TypeError at start-up. */
export function enterRequestsOn(adapter: NestHttpAdapter): EnterRequests {
  const type = adapter.getType();
  if (type === 'express') return onExpress;
  if (type === 'fastify') return onFastify;
  throw new TypeError(
    `AjaxGuardModule supports Nest's Express and Fastify platforms, not ${describeValue(type)}: write JsonResponses with an ajax-guard adapter there`,
  );
}
