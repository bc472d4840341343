// The app on Bun's own server. Prints the port it listens on.
import { handle } from './app.ts';

const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: handle });
console.log(`listening on ${server.port}`);
