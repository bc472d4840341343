/** What is measured: frameworks, their variants, and the two paths through each. */
import { TOKEN, TOKEN_HEADER } from './scenario.mjs';

export const FRAMEWORKS = ['express', 'koa', 'fastify'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** The two references every ratio is taken against, the library, and the peers. */
export const BARE = 'bare';
export const HAND_WRITTEN = 'hand-written';
export const AJAX_GUARD = 'ajax-guard';
const PEERS = ['nestjs', 'routing-controllers'] as const;

/** Each framework's variants: the peers only where they run on that framework. */
export const VARIANTS: Readonly<Record<Framework, readonly string[]>> = {
  express: [BARE, HAND_WRITTEN, AJAX_GUARD, 'nestjs', 'routing-controllers'],
  koa: [BARE, HAND_WRITTEN, AJAX_GUARD, 'routing-controllers'],
  fastify: [BARE, HAND_WRITTEN, AJAX_GUARD, 'nestjs'],
};

/** True for a variant built on another library (optional: it may fail to install or start). */
export const isPeer = (variant: string): boolean => (PEERS as readonly string[]).includes(variant);

export const PATHS = ['authenticated', 'anonymous'] as const;
export type Path = (typeof PATHS)[number];

/** The headers a caller on `path` sends. */
export const headersFor = (path: Path): Record<string, string> => (path === 'authenticated' ? { [TOKEN_HEADER]: TOKEN } : {});

/** The status a variant answers on `path`: the bare route checks nothing, so it serves everyone. */
export const expectedStatus = (variant: string, path: Path): number => (path === 'anonymous' && variant !== BARE ? 401 : 200);

/** `list` rotated left by `by`: each round starts with another variant, so no variant always follows the same one. */
export function rotate<T>(list: readonly T[], by: number): T[] {
  const shift = by % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}
