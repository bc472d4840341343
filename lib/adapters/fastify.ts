import type { FastifyReply, FastifyRequest } from 'fastify';
import { isThenable, serializeResponse, toJsonResponse } from '../adapter.js';
import type { JsonResponse } from '../index.js';

/**
 * What `toHandler` wraps: a Fastify handler that returns its answer.
 *
 * @example
 * const me: FastifyHandlerFunction = (request) => account.me(request, request.user);
 */
export type FastifyHandlerFunction<Req extends FastifyRequest = FastifyRequest, Rep extends FastifyReply = FastifyReply> = (
  request: Req,
  reply: Rep,
) => unknown;

const asIs = (text: string): string => text;
// What Fastify holds when no reply serializer is set.
const UNSET = null as unknown as typeof asIs;

/**
 * Writes one JsonResponse through Fastify: its status and headers as they
 * are, and the body as JSON text serialized once. The text goes through a
 * pass-through reply serializer, so that Fastify neither serializes it again
 * (as a reply serializer the app set would) nor adds a charset to its content
 * type, and nothing copies it into a Buffer; the serializer is unset once the
 * text has passed, so a later error answer is serialized as usual. Fastify's
 * onSend hooks still run, and it sets `content-length` (HEAD too).
 *
 * @example
 * app.setNotFoundHandler((request, reply) => send(reply, jsonResponse({ error: 'not found' }, { status: 404 })));
 */
export function send<Rep extends FastifyReply>(reply: Rep, response: JsonResponse): Rep {
  const { status, headers, body } = serializeResponse(response);
  reply.code(status).headers(headers);
  if (body === '') return reply.send() as Rep;
  // Fastify runs the reply serializer within send, before any onSend hook.
  reply.serializer(asIs).send(body);
  return reply.serializer(UNSET) as Rep;
}

function answer(reply: FastifyReply, value: unknown): void {
  if (value !== undefined) send(reply, toJsonResponse(value));
  // Fastify 4's `sent` means ended: a response whose body stream failed
  // half-way has its headers out but never ends, and must not get a 204.
  else if (!reply.sent && !reply.raw.headersSent) reply.code(204).send();
}

/**
 * A Fastify route handler (Fastify 4 and 5) from a function that returns,
 * sync or async, a JsonResponse (written as is), other data (200 JSON), or
 * `undefined` (204, unless the reply is already sent). A function that sends
 * through `reply` itself returns `reply`, as Fastify asks of async handlers.
 * A throw or rejection reaches Fastify's error handler.
 *
 * @example
 * app.get('/me', toHandler((request) => account.me(request, request.user)));
 */
export function toHandler<Req extends FastifyRequest = FastifyRequest, Rep extends FastifyReply = FastifyReply>(
  fn: FastifyHandlerFunction<Req, Rep>,
): (request: Req, reply: Rep) => Promise<Rep> | undefined {
  return (request, reply) => {
    const value = fn(request, reply);
    // Answered at once when synchronous: no Promise, no closure per request.
    if (!isThenable(value)) return void answer(reply, value);
    // An async handler resolves to the reply, which Fastify awaits until the
    // response has ended, rather than sending a second time.
    return Promise.resolve(value).then((settled) => {
      answer(reply, settled);
      return reply;
    });
  };
}
