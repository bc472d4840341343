interface Entry {
  readonly session: unknown;
  readonly expires: number;
}

/**
 * An in-memory store for koa-session, as express-session and
 * @fastify/session have by default. Without a store, koa-session keeps the
 * whole session in a signed (not encrypted) cookie; with one, the cookie
 * holds only an id, and logging out ends the session on the server.
 * Sessions end with the process: a real app keeps them in Redis or a database.
 *
 * @example
 * app.use(session({ store: new KoaMemoryStore(), maxAge: SESSION_MAX_AGE_MS }, app));
 */
export class KoaMemoryStore {
  readonly #sessions = new Map<string, Entry>();

  async get(key: string): Promise<unknown> {
    const entry = this.#sessions.get(key);
    return entry !== undefined && entry.expires > Date.now() ? entry.session : undefined;
  }

  async set(key: string, session: unknown, maxAge: number): Promise<void> {
    const now = Date.now();
    // Sessions nobody comes back for are dropped here, so the map cannot grow without bound.
    for (const [id, entry] of this.#sessions) if (entry.expires <= now) this.#sessions.delete(id);
    this.#sessions.set(key, { session, expires: now + maxAge });
  }

  async destroy(key: string): Promise<void> {
    this.#sessions.delete(key);
  }
}
