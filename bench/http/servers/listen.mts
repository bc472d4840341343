import { createServer, type RequestListener, type Server } from 'node:http';

/** Listens on 127.0.0.1 with an ephemeral port; resolves once listening. */
export function listen(listener: RequestListener): Promise<Server> {
  const server = createServer(listener);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Starts one variant's server: what each server module exports, by variant or framework name. */
export type Start = () => Promise<Server>;
