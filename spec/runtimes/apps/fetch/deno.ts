// The app on Deno's own server. Prints the port it listens on.
import { handle } from './app.ts';

Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(`listening on ${port}`) }, handle);
