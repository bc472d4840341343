import { once } from 'node:events';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The callers of the reliability specs: users the test servers know by a
 * bearer token, as a token middleware (passport-http-bearer, @fastify/jwt)
 * would leave them on each framework's request.
 */
export interface Caller {
  readonly id: number;
  readonly name: string;
}

export const CALLERS: readonly Caller[] = Object.freeze([1, 2, 3, 4, 5].map((id) => Object.freeze({ id, name: `user-${id}` })));

/** The request headers that sign in as `caller`; an anonymous caller sends none. */
export const credentialsOf = (caller: Caller | undefined): Record<string, string> =>
  caller === undefined ? {} : { authorization: `Bearer token-${caller.id}` };

/** The caller an `authorization` header signs in as, or undefined. */
export function callerFor(authorization: string | null | undefined): Caller | undefined {
  const id = /^Bearer token-(\d+)$/.exec(authorization ?? '')?.[1];
  return CALLERS.find((caller) => String(caller.id) === id);
}

// A Fetch Request carries no user: the server keeps each one's caller here.
const fetchCallers = new WeakMap<Request, Caller>();

/** Signs a Fetch `request` in as the caller its `authorization` header names, if any. */
export function signInFetchRequest(request: Request): void {
  const caller = callerFor(request.headers.get('authorization'));
  if (caller !== undefined) fetchCallers.set(request, caller);
}

/** The caller the server signed `request` in as: Express and Fastify `request.user`, Koa `ctx.state.user`. */
export function callerOf(request: any): Caller | undefined {
  if (request instanceof Request) return fetchCallers.get(request);
  return request.user ?? request.state?.user ?? undefined;
}

/** One request header, from any framework's request. */
export function headerOf(request: any, name: string): string | undefined {
  return (request instanceof Request ? request.headers.get(name) : request.headers[name]) ?? undefined;
}

/**
 * Settles when the client of `request` has gone: its socket closed (Express
 * `req`, Koa `ctx`, Fastify `request` all expose it), or, for a Fetch
 * Request, its signal aborted.
 */
export async function disconnected(request: any): Promise<void> {
  if (request instanceof Request) {
    if (!request.signal.aborted) await once(request.signal, 'abort');
    return;
  }
  const socket = request.socket as Socket;
  if (!socket.destroyed) await once(socket, 'close');
}

/** A check's or handler's small random delay, 0 to 3 ms, so concurrent calls finish out of order. */
export const jitter = (): Promise<void> => sleep(Math.floor(Math.random() * 4));
