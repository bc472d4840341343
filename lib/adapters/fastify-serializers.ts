import type { FastifyReply } from 'fastify';
import { serializationFailure } from '../serialize/serialize-response.js';

/**
 * How the Fastify adapter hands Fastify a body: the app's data through
 * Fastify's own serialization, the library's text as it is. Both go
 * through a reply serializer, which Fastify runs within `send`, after the
 * preSerialization hooks and before any onSend hook.
 */

type Serializer = (payload: unknown) => string;
const asIs = (text: string): string => text;
// What Fastify holds when no reply serializer is set.
const UNSET = null as unknown as Serializer;

const STATUS_CLASSES = ['0xx', '1xx', '2xx', '3xx', '4xx', '5xx'];

// The media type of the reply's content type, as Fastify reads it to pick a schema.
function mediaTypeOf(reply: FastifyReply): string {
  return (String(reply.getHeader('content-type')).split(';', 1)[0] as string).trim().toLowerCase();
}

// On its own path Fastify picks a response schema listed by content type
// (`200: { content: { 'application/json': ... } }`) by the reply's media
// type, else (Fastify 5) `*/*`, else none; `reply.serialize` passes no
// content type and would call the list itself. Picked here as Fastify 5
// picks it, on Fastify 4 too: there the `*/*` schema the app listed filters
// rather than nothing. Undefined where the route lists no content types.
function listedSerializer(reply: FastifyReply): Serializer | undefined {
  const { statusCode } = reply;
  // The status as a number, as Fastify reads it on every version (its types
  // name a string alone): no string made per request.
  const listed: unknown =
    reply.getSerializationFunction(statusCode as unknown as string) ??
    reply.getSerializationFunction(STATUS_CLASSES[Math.trunc(statusCode / 100)] as string);
  if (typeof listed !== 'object' || listed === null) return undefined;
  const entries = listed as Readonly<Record<string, unknown>>;
  const mediaType = mediaTypeOf(reply);
  const key = Object.hasOwn(entries, mediaType) ? mediaType : '*/*';
  const entry = Object.hasOwn(entries, key) ? entries[key] : undefined;
  return typeof entry === 'function' ? (entry as Serializer) : JSON.stringify;
}

// Fastify calls a reply's serializer as a method of the reply, after the
// preSerialization hooks: unset again, it lets Fastify serialize as on any
// route (the route's response schema, the app's reply serializer), and turns
// a body that cannot be serialized into the clean 500 rather than Fastify's
// error answer. One function for every reply: nothing is made per request.
function fastifySerialization(this: FastifyReply, payload: unknown): string {
  this.serializer(UNSET);
  try {
    const listed = listedSerializer(this);
    // A reply serializer may answer a Buffer, which Fastify sends as it is.
    return listed === undefined ? (this.serialize(payload) as string) : listed(payload);
  } catch {
    const { status, headers, body } = serializationFailure();
    this.code(status).headers(headers);
    return body;
  }
}

/** Sends the app's `data` as Fastify serializes any route's (see `fastifySerialization`). */
export function sendData<Rep extends FastifyReply>(reply: Rep, data: unknown): Rep {
  return reply.serializer(fastifySerialization as Serializer).send(data) as Rep;
}

/** Sends `text` as it is: no second serialization, no charset added. */
export function sendText<Rep extends FastifyReply>(reply: Rep, text: string): Rep {
  reply.serializer(asIs as Serializer).send(text);
  return reply.serializer(UNSET) as Rep;
}
