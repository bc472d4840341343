import type { ServerResponse } from 'node:http';
import { send as sendThroughNode } from '../adapters/express.js';
import { send as sendThroughFastify } from '../adapters/fastify.js';
import type { JsonResponse } from '../response/json-response.js';

interface ReplyLike {
  readonly raw: ServerResponse;
  readonly sent: boolean;
}

// Nest's response object is Express's `res` (a Node response) or Fastify's
// reply, which holds the Node response as `raw`; Nest's Fastify adapter also
// responds to some calls (middleware, exception filters) on the raw response.
const isReply = (response: object): response is ReplyLike => 'raw' in response;

/**
 * Writes `json` to Nest's response object exactly as ajax-guard/express or
 * ajax-guard/fastify writes it: its status (over `@HttpCode()`), its
 * headers, and its body serialized once.
 */
export function writeJson(response: object, json: JsonResponse): void {
  if (isReply(response)) sendThroughFastify(response as never, json);
  else sendThroughNode(response as ServerResponse, json);
}

/** True once `response` has started, so a JsonResponse is never written twice. */
export function isAnswered(response: object): boolean {
  return isReply(response) ? response.sent || response.raw.headersSent : (response as ServerResponse).headersSent;
}
