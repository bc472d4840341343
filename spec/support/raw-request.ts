import { type IncomingHttpHeaders, request } from 'node:http';
import type { RunningServer } from './http-server.js';

/** What a test reads of a raw answer: the status, the headers as Node parsed them, the body as text. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

// Every request is bounded: a server that never answers fails the test, it does not hang it.
const TIMEOUT_MS = 5000;

/**
 * Sends one request exactly as given, with Node's http client: the target is
 * not normalised (so `//evil.example` or `/..//x` reach the server as they
 * are), and no header is added, where fetch always says `Sec-Fetch-Mode:
 * cors`. That is how a test plays a browser's navigation.
 *
 * @example
 * await rawRequest(server, '/account', { 'sec-fetch-mode': 'navigate' });
 */
export function rawRequest(
  server: RunningServer,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<RawAnswer> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: hostname, port, path, method, headers, timeout: TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode as number, headers: response.headers, body: Buffer.concat(chunks).toString() }),
      );
      response.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${path} timed out`)));
    outgoing.on('error', reject);
    outgoing.end();
  });
}
