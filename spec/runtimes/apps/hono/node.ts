// The Hono app on Node.js with @hono/node-server. Prints the port it listens on.
import { serve } from '@hono/node-server';
import { app } from './app.ts';

serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => console.log(`listening on ${info.port}`));
