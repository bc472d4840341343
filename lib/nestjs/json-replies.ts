import { isJsonResponse } from '../response/json-response.js';
import type { NestHttpAdapter } from './platforms.js';
import { isAnswered, writeJson } from './write-json.js';

/**
 * Makes Nest's own reply write a JsonResponse (a refusal, or one a handler
 * returned) as the platform's ajax-guard adapter writes it; every other body
 * is Nest's to write, as before. All of Nest's responses pass through reply()
 * after the interceptors, so global interceptors and exception filters keep
 * working, and nothing of ours runs on the way to the handler. Call it once
 * per adapter.
 */
export function writeJsonResponses(adapter: NestHttpAdapter): void {
  const reply = adapter.reply;
  adapter.reply = function (this: NestHttpAdapter, response: object, body: unknown, statusCode?: number): unknown {
    if (!isJsonResponse(body)) return reply.call(this, response, body, statusCode);
    // Written already when a handler that injects @Res({ passthrough: true }) was refused.
    if (!isAnswered(response)) writeJson(response, body);
    return response;
  };
}
