import { requestField } from './request-field.js';

/**
 * The HTTP method of any framework's request, as it was sent (`GET`), or
 * undefined when there is none.
 *
 * @example
 * requestMethod(ctx); // Koa: 'GET', from ctx.req.method
 */
export function requestMethod(request: unknown): string | undefined {
  const method = requestField(request, 'method');
  return typeof method === 'string' ? method : undefined;
}
