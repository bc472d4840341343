// The Hono app on Bun. Prints the port it listens on.
import { app } from './app.ts';

const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: app.fetch });
console.log(`listening on ${server.port}`);
