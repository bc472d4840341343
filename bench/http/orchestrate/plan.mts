/**
 * What is measured: frameworks, their variants, and the cases (a route, a
 * caller, and the status every checking variant must answer).
 */
import { BROWSER_ACCEPT, ROUTES, SCRIPT_ACCEPT, TOKEN_HEADER, TOKENS } from '../servers/scenario.mjs';

export const FRAMEWORKS = ['express', 'koa', 'fastify', 'hono', 'hono-bun', 'fetch-bun'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** The two references every ratio is taken against, the library, and the peers. */
export const BARE = 'bare';
export const HAND_WRITTEN = 'hand-written';
export const AJAX_GUARD = 'ajax-guard';
const PEERS = ['nestjs', 'nestjs-ajax-guard', 'routing-controllers'] as const;

/** Each framework's variants: the peers only where they run on that framework. */
export const VARIANTS: Readonly<Record<Framework, readonly string[]>> = {
  express: [BARE, HAND_WRITTEN, AJAX_GUARD, 'nestjs', 'nestjs-ajax-guard', 'routing-controllers'],
  koa: [BARE, HAND_WRITTEN, AJAX_GUARD, 'routing-controllers'],
  fastify: [BARE, HAND_WRITTEN, AJAX_GUARD, 'nestjs', 'nestjs-ajax-guard'],
  hono: [BARE, HAND_WRITTEN, AJAX_GUARD],
  'hono-bun': [BARE, HAND_WRITTEN, AJAX_GUARD],
  'fetch-bun': [BARE, HAND_WRITTEN, AJAX_GUARD],
};

/** The runtime each framework's servers run on: Node, but the `-bun` rows on Bun. */
export const runtimeOf = (framework: Framework): 'node' | 'bun' => (framework.endsWith('-bun') ? 'bun' : 'node');

/** True for a variant built on another library (optional: it may fail to install or start). */
export const isPeer = (variant: string): boolean => (PEERS as readonly string[]).includes(variant);

/**
 * The peers that are other libraries' guards, which ajax-guard's refusals
 * are weighed against, each with ajax-guard's variant on that library's own
 * app where there is one (its NestJS module).
 */
export const OTHER_GUARDS: Readonly<Record<string, string | undefined>> = {
  nestjs: 'nestjs-ajax-guard',
  'routing-controllers': undefined,
};

/** One request, sent over and over: what it asks, and what the checking variants must answer. */
export interface Case {
  /** Short and stable: the JSON report's key. */
  readonly key: string;
  readonly title: string;
  readonly route: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly status: number;
  /** Where a framework has no such route (Fastify's response schemas), it is left out. */
  readonly frameworks: readonly Framework[];
  /** The bare route and the peers serve the sync route only: they run beside the hand-written check there. */
  readonly everyVariant: boolean;
}

const user = { [TOKEN_HEADER]: TOKENS.user };
const all = FRAMEWORKS;
// Hono (on @hono/node-server and on Bun) and the Fetch API (on Bun) run the sync check and the middleware only.
const routed = ['express', 'koa', 'fastify'] as const;
const fromScript = (route: string) => ({ route, everyVariant: false, frameworks: routed });

export const CASES: readonly Case[] = [
  {
    key: 'sync-200',
    title: 'sync check, signed in',
    route: ROUTES.sync,
    headers: user,
    status: 200,
    frameworks: all,
    everyVariant: true,
  },
  {
    key: 'sync-401',
    title: 'sync check, anonymous',
    route: ROUTES.sync,
    headers: {},
    status: 401,
    frameworks: all,
    everyVariant: true,
  },
  { key: 'async-200', title: 'async check (resolved), signed in', ...fromScript(ROUTES.async), headers: user, status: 200 },
  { key: 'async-401', title: 'async check (resolved), anonymous', ...fromScript(ROUTES.async), headers: {}, status: 401 },
  { key: 'store-200', title: 'async check (1 ms store), signed in', ...fromScript(ROUTES.store), headers: user, status: 200 },
  { key: 'store-401', title: 'async check (1 ms store), anonymous', ...fromScript(ROUTES.store), headers: {}, status: 401 },
  {
    key: 'login-302',
    title: 'loginRequired, browser',
    ...fromScript(ROUTES.login),
    headers: { accept: BROWSER_ACCEPT },
    status: 302,
  },
  {
    key: 'login-401',
    title: 'loginRequired, script',
    ...fromScript(ROUTES.login),
    headers: { accept: SCRIPT_ACCEPT },
    status: 401,
  },
  {
    key: 'permission-200',
    title: 'permissionRequiredAjax, granted',
    ...fromScript(ROUTES.permission),
    headers: { [TOKEN_HEADER]: TOKENS.admin },
    status: 200,
  },
  {
    key: 'permission-403',
    title: 'permissionRequiredAjax, refused',
    ...fromScript(ROUTES.permission),
    headers: user,
    status: 403,
  },
  {
    key: 'schema-200',
    title: 'response schema, signed in',
    ...fromScript(ROUTES.schema),
    frameworks: ['fastify'],
    headers: user,
    status: 200,
  },
  {
    key: 'schema-401',
    title: 'response schema, anonymous',
    ...fromScript(ROUTES.schema),
    frameworks: ['fastify'],
    headers: {},
    status: 401,
  },
  {
    key: 'middleware-200',
    title: 'toMiddleware, signed in',
    ...fromScript(ROUTES.middleware),
    frameworks: all,
    headers: user,
    status: 200,
  },
  {
    key: 'middleware-401',
    title: 'toMiddleware, anonymous',
    ...fromScript(ROUTES.middleware),
    frameworks: all,
    headers: {},
    status: 401,
  },
];

/** The cases measured on `framework`, those named in `only` when given. */
export const casesOf = (framework: Framework, only?: readonly string[]): Case[] =>
  CASES.filter((c) => c.frameworks.includes(framework) && (only === undefined || only.includes(c.key)));

/** Whether `variant` serves `c`. */
export const serves = (variant: string, c: Case): boolean => c.everyVariant || variant === HAND_WRITTEN || variant === AJAX_GUARD;

/**
 * Fastify's hand-written check written in each route's handler rather than
 * in a `preHandler` hook (`--in-handler`): a hook is a path of its own
 * through Fastify's request handling, so this is the cheapest place
 * Fastify has for a check. On Express and Koa a check is a route's
 * middleware, a function call either way.
 */
const HAND_WRITTEN_IN_HANDLER = 'hand-written-in-handler';
const HAS_IN_HANDLER: readonly Framework[] = ['fastify'];

/** How a run picks its servers (see `serverOf`). */
export interface ServerChoice {
  /** A control run: the hand-written check serves in ajax-guard's place. */
  readonly control: boolean;
  /** Fastify's hand-written check is written in its handlers. */
  readonly inHandler: boolean;
}

/**
 * The server that runs in `variant`'s place on `framework`: itself, but in
 * a control run the hand-written check stands in for ajax-guard, so that
 * every ratio compares two copies of the same code and shows what the
 * method reads where there is no difference to find; and with `inHandler`,
 * Fastify's hand-written check is the one written in its handlers.
 */
export function serverOf(variant: string, framework: Framework, { control, inHandler }: ServerChoice): string {
  const server = control && variant === AJAX_GUARD ? HAND_WRITTEN : variant;
  return inHandler && server === HAND_WRITTEN && HAS_IN_HANDLER.includes(framework) ? HAND_WRITTEN_IN_HANDLER : server;
}

/** The status `variant` answers on `c`: the bare route checks nothing, so it serves everyone. */
export const expectedStatus = (variant: string, c: Case): number => (variant === BARE ? 200 : c.status);

/** `list` rotated left by `by`: each round starts with another variant, so no variant always follows the same one. */
export function rotate<T>(list: readonly T[], by: number): T[] {
  const shift = by % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}
