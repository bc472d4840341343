import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { accessCheck } from '../guard/check-access.js';
import { followCall } from '../guard/follow-call.js';
import type { GuardDecorator, JsonResponse } from '../index.js';
import { isThenable } from '../internal/is-thenable.js';
import { isJsonResponse, JSON_CONTENT_TYPE, JSON_HEADERS } from '../response/json-response.js';
import { mergeVary } from '../response/merge-vary.js';
import { isBodiless, keptSerialization, serializeResponse } from '../serialize/serialize-response.js';
import { sendData, sendText } from './fastify-serializers.js';

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

function writeHeaders(reply: FastifyReply, status: number, headers: Readonly<Record<string, string>>): void {
  reply.code(status);
  // Those of a response made with no init, a handler's usual answer: the JSON content type alone.
  if (headers === JSON_HEADERS) return void reply.type(JSON_CONTENT_TYPE);
  // Read before `headers` replaces it: only a response with a vary of its own merges.
  const prior = Object.hasOwn(headers, 'vary') ? reply.getHeader('vary') : undefined;
  reply.headers(headers);
  if (prior !== undefined) reply.header('vary', mergeVary(prior, headers.vary as string));
}

/**
 * Writes one JsonResponse through Fastify: its status and headers as they
 * are (a `vary` the app already set is merged with the response's own; a
 * `set-cookie` is added to the cookies the app set, as Fastify adds it).
 * The body is the app's data, so Fastify serializes it as on any route: a
 * route's response schema filters it and the app's reply serializer runs; a
 * body that cannot be serialized becomes a clean 500 JSON response. The
 * library's own refusals go out as the text they were serialized to once,
 * through a pass-through serializer (no second serialization, no charset
 * added). Fastify's hooks still run, and it sets `content-length`.
 *
 * @example
 * app.setNotFoundHandler((request, reply) => send(reply, jsonResponse({ error: 'not found' }, { status: 404 })));
 */
export function send<Rep extends FastifyReply>(reply: Rep, response: JsonResponse): Rep {
  const kept = keptSerialization(response);
  if (kept === undefined && hasData(response)) {
    writeHeaders(reply, response.status, response.headers);
    return sendData(reply, response.body);
  }
  // A refusal's kept text; else a 204, 205 or 304, or an undefined body or a 1xx
  // status (which no answer has: the clean 500, as on every adapter).
  const { status, headers, body } = kept ?? serializeResponse(response);
  writeHeaders(reply, status, headers);
  return body === '' ? (reply.send() as Rep) : sendText(reply, body);
}

// A body for Fastify to serialize: a final status that carries one, and a value.
const hasData = ({ status, body }: JsonResponse): boolean => body !== undefined && status >= 200 && !isBodiless(status);

// Nothing returned is a 204, unless the function answered through `reply`
// or declares it, as one that answers later through it does (`reply.view`,
// `reply.sendFile`): Fastify leaves such a reply to its handler too. Data,
// the answer of nearly every request, is written as the 200 JSON response
// `toJsonResponse` would make of it, without making one.
function answer(reply: FastifyReply, value: unknown, declaresReply: boolean): void {
  if (value === undefined) {
    // Fastify 4's `sent` means ended: a response whose body stream failed
    // half-way has its headers out but never ends, and must not get a 204.
    if (!declaresReply && !reply.sent && !reply.raw.headersSent) reply.code(204).send();
  } else if (isJsonResponse(value)) send(reply, value);
  else {
    writeHeaders(reply, 200, JSON_HEADERS);
    sendData(reply, value);
  }
}

/**
 * A Fastify route handler (Fastify 4 and 5) from a function that returns,
 * sync or async, a JsonResponse (written as is), other data (200 JSON,
 * through the route's response schema), or `undefined` (204, unless the
 * reply is already sent, or the function declares `reply`: as in Fastify,
 * a function that takes `reply` may answer through it later). A function
 * that sends through `reply` itself returns `reply`, as Fastify asks of
 * async handlers. A throw or rejection reaches Fastify's error handler.
 *
 * @example
 * app.get('/me', toHandler((request) => account.me(request, request.user)));
 */
export function toHandler<Req extends FastifyRequest = FastifyRequest, Rep extends FastifyReply = FastifyReply>(
  fn: FastifyHandlerFunction<Req, Rep>,
): (request: Req, reply: Rep) => Promise<Rep | undefined> | undefined {
  const declaresReply = fn.length >= 2;
  // An async function resolves to nothing once the response has ended (so
  // Fastify sends nothing more), else to the reply, which Fastify awaits
  // until it has (an app's async onSend hook may still be running).
  const answerLater = (settled: unknown, reply: Rep): Rep | undefined => {
    answer(reply, settled, declaresReply);
    return reply.sent ? undefined : reply;
  };
  return (request, reply) => {
    const value = fn(request, reply);
    // Answered at once when synchronous: no Promise, no closure per request.
    if (!isThenable(value)) return void answer(reply, value, declaresReply);
    return followCall(value, answerLater, reply) as Promise<Rep | undefined>;
  };
}

/**
 * The guard as a Fastify `preHandler` hook (Fastify 4 and 5), for a whole
 * plugin or app: an allowed request goes on to its handler, untouched; a
 * refusal is written as `toHandler` writes it; a check that throws or
 * rejects reaches Fastify's error handler.
 *
 * @example
 * app.addHook('preHandler', toMiddleware(loginRequiredAjax()));
 */
export function toMiddleware(
  guard: GuardDecorator<any>,
): (request: FastifyRequest, reply: FastifyReply, done?: HookHandlerDoneFunction) => Promise<unknown> | undefined {
  const check = accessCheck(guard, 'toMiddleware');
  return (request, reply, done) => {
    // Called by hand, with no `done`: a Promise, as an async hook gives.
    if (done === undefined) return Promise.resolve(check(request)).then((refusal) => refusal && send(reply, refusal));
    // As Fastify calls hooks: a callback, so an allowed request costs no Promise.
    let verdict: ReturnType<typeof check>;
    try {
      verdict = check(request);
    } catch (error) {
      return void done(error as Error);
    }
    if (verdict === undefined) return void done();
    // A hook that sends its answer does not call `done`.
    if (!isThenable(verdict)) return void send(reply, verdict);
    verdict.then((settled) => (settled === undefined ? done() : void send(reply, settled)), done);
    return undefined;
  };
}
