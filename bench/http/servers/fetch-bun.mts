import { configure, loginRequiredAjax } from 'ajax-guard';
import { toHandler, toMiddleware } from 'ajax-guard/fetch';
import { guardedRoutes } from './controllers.mjs';
import * as scene from './scenario.mjs';

// Bun's own server, as a Fetch API app is served on Bun; this module runs in a Bun process.
declare const Bun: {
  serve(options: { fetch: (request: Request) => Response | Promise<Response>; port: number; hostname: string }): {
    readonly port: number;
  };
};

// A Fetch Request carries no user: the app's own lookup finds it (here, from
// the token), and the app tells ajax-guard so.
function userOf(request: Request): scene.User | undefined {
  const token = request.headers.get(scene.TOKEN_HEADER);
  return token === scene.TOKENS.user ? scene.USER : token === scene.TOKENS.admin ? scene.ADMIN : undefined;
}
configure({ getUser: (request) => userOf(request as Request) });

const JSON_TYPE = 'application/json; charset=utf-8';
const items = (): Response => new Response(JSON.stringify(scene.ITEMS), { headers: { 'content-type': JSON_TYPE } });
const refusal = (): Response =>
  new Response(JSON.stringify(scene.seedRefusal()), {
    status: 401,
    headers: { ...scene.REFUSAL_HEADERS, 'content-type': JSON_TYPE },
  });

type Route = (request: Request) => Response | Promise<Response>;

function serve(routes: ReadonlyMap<string, Route>): Promise<scene.Listening> {
  const { port } = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: (request) => routes.get(new URL(request.url).pathname)?.(request) ?? new Response(null, { status: 404 }),
  });
  return Promise.resolve({ address: () => ({ port, address: '127.0.0.1', family: 'IPv4' }) });
}

// The idiomatic check: the handler looks the user up and answers the refusal itself.
const requireUser: Route = (request) => (userOf(request) ? items() : refusal());

/** Fetch API handlers on Bun.serve, by variant: the bare one serves only the sync route, unchecked. */
export const variants: Record<string, scene.Start> = {
  bare: () => serve(new Map([[scene.ROUTES.sync, items]])),
  'hand-written': () =>
    serve(
      new Map([
        [scene.ROUTES.sync, requireUser],
        [scene.ROUTES.middleware, requireUser],
      ]),
    ),
  'ajax-guard': () => {
    const list = guardedRoutes()[scene.ROUTES.sync] as (request: Request) => unknown;
    const guard = toMiddleware(loginRequiredAjax());
    return serve(
      new Map<string, Route>([
        [scene.ROUTES.sync, toHandler(list)],
        [scene.ROUTES.middleware, async (request) => (await guard(request)) ?? items()],
      ]),
    );
  },
};
