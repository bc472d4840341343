import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A test server listening on loopback, and how to stop it. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>`, with no trailing slash. */
  readonly url: string;
  /** Stops listening and ends every connection, keep-alive ones included, so mocha exits. */
  close(): Promise<void>;
}

/**
 * Starts `server` on 127.0.0.1 with an ephemeral port.
 *
 * @example
 * const server = await listen(http.createServer(app));
 * after(() => server.close());
 */
export async function listen(server: Server): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
