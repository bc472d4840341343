import type { Hono } from 'hono';
import { sign } from 'hono/jwt';
import { findUser } from './account-controller.js';

/**
 * Adds `POST /token` to a Hono app: the credentials as JSON in, a JWT signed
 * with `secret` that lives ten minutes out (what `signInWithToken` calls).
 */
export function serveTokens(app: Hono<any>, secret: string): void {
  app.post('/token', async (c) => {
    const { username, password } = await c.req.json<{ username: string; password: string }>();
    const user = findUser(username, password);
    if (!user) return c.body(null, 401);
    return c.json({ token: await sign({ ...user, exp: Math.floor(Date.now() / 1000) + 600 }, secret, 'HS256') });
  });
}
