import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoServer, ListenOptions } from './demo-server.js';

/**
 * Starts a Node HTTP server (Express and Koa apps run in one) and resolves
 * once it listens; an error such as EADDRINUSE rejects.
 *
 * @example
 * const server = await listen(createServer(app), { host: '127.0.0.1', port: 0 });
 */
export async function listen(server: Server, { host, port }: ListenOptions): Promise<DemoServer> {
  server.listen(port, host);
  await once(server, 'listening');
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}`,
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      // Browsers keep connections alive: without this, close waits for them.
      server.closeAllConnections();
      await closed;
    },
  };
}
