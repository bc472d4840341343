import { Strategy as LocalStrategy } from 'passport-local';
import { ALICE, findUser, type TestUser } from './account-controller.js';

/** passport-local's strategy over the test user, for every framework's passport. */
export const localStrategy = (): LocalStrategy =>
  new LocalStrategy((username, password, done) => done(null, findUser(username, password)));

/** What a session keeps of the user: the id. */
export const serializeUser = (user: unknown, done: (error: null, id: number) => void): void => done(null, (user as TestUser).id);

/** The user back from the id a session kept; `false` when there is none. */
export const deserializeUser = (id: number, done: (error: null, user: TestUser | false) => void): void =>
  done(null, id === ALICE.id ? ALICE : false);
