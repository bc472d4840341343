import { Strategy as LocalStrategy } from 'passport-local';
import { findUserById, type User, verifyPassword } from '../users.js';

/**
 * passport-local's strategy over the demo's users: `POST /api/login` with
 * `{ "username": ..., "password": ... }`. The same strategy serves
 * passport (Express), koa-passport and @fastify/passport.
 */
export const localStrategy = (): LocalStrategy =>
  new LocalStrategy((username, password, done) => done(null, verifyPassword(username, password) ?? false));

/** What a session keeps of the signed-in user: the id (passport and koa-passport). */
export function serializeUser(user: object, done: (error: null, id: number) => void): void {
  done(null, (user as User).id);
}

/** The user back from the id a session kept; `false` when there is none any more, which ends the sign-in. */
export function deserializeUser(id: unknown, done: (error: null, user: User | false) => void): void {
  done(null, findUserById(id) ?? false);
}
