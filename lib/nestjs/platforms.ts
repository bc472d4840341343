import { describeValue } from '../internal/describe-value.js';

/** What the module uses of Nest's HTTP adapter (`HttpAdapterHost.httpAdapter`). */
export interface NestHttpAdapter {
  getType(): string;
  reply(response: unknown, body: unknown, statusCode?: number): unknown;
}

/** Nest's Express and Fastify platforms pass on; any other is a TypeError at start-up. */
export function assertSupportedPlatform(adapter: NestHttpAdapter): void {
  const type = adapter.getType();
  if (type === 'express' || type === 'fastify') return;
  throw new TypeError(
    `AjaxGuardModule supports Nest's Express and Fastify platforms, not ${describeValue(type)}: write JsonResponses with an ajax-guard adapter there`,
  );
}
