import { honoVariants } from './hono-app.mjs';

// Bun's own server, as Hono's docs serve an app on Bun (`export default app`
// is Bun.serve underneath); this module runs in a Bun process.
declare const Bun: {
  serve(options: { fetch: (request: Request) => Response | Promise<Response>; port: number; hostname: string }): {
    readonly port: number;
  };
};

/** Hono 4 servers on Bun.serve, by variant. */
export const variants = honoVariants(async (app) => {
  const { port } = Bun.serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  return { address: () => ({ port, address: '127.0.0.1', family: 'IPv4' }) };
});
