import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { honoVariants } from './hono-app.mjs';

/** Hono 4 servers on @hono/node-server, by variant. */
export const variants = honoVariants(
  (app) =>
    new Promise((resolve) => {
      const running = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(running as Server));
    }),
);
