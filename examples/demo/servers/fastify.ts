import { createReadStream } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import { Authenticator } from '@fastify/passport';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import { toHandler } from 'ajax-guard/fastify';
import Fastify from 'fastify';
import { DemoController } from '../demo-controller.js';
import { findUserById, type User } from '../users.js';
import type { StartDemo } from './demo-server.js';
import { localStrategy } from './passport-local.js';
import { PUBLIC_DIR } from './public-dir.js';
import { newSessionSecret, SESSION_MAX_AGE_MS } from './sessions.js';
import { SCRIPT_TYPE, VENDOR_FILES } from './vendor-files.js';

declare module 'fastify' {
  // What @fastify/passport puts in `request.user`.
  interface PassportUser extends User {}
}

/** The demo on Fastify 5: @fastify/session (its MemoryStore) and @fastify/passport. */
export const startFastify: StartDemo = async ({ host, port }) => {
  const demo = new DemoController('Fastify');
  const authenticator = new Authenticator();
  authenticator.use('local', localStrategy());
  authenticator.registerUserSerializer(async (user: User) => user.id);
  authenticator.registerUserDeserializer(async (id: unknown) => findUserById(id) ?? null);

  const app = Fastify();
  await app.register(fastifyStatic, { root: PUBLIC_DIR, extensions: ['html'] });
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: newSessionSecret(),
    saveUninitialized: false,
    cookie: { secure: false, httpOnly: true, sameSite: 'lax', maxAge: SESSION_MAX_AGE_MS },
  });
  await app.register(authenticator.initialize());
  await app.register(authenticator.secureSession());

  app.get(
    '/api/session',
    toHandler((request) => demo.session(request, request.user)),
  );
  app.post(
    '/api/login',
    { preValidation: authenticator.authenticate('local', { authInfo: false }) },
    toHandler((request) => demo.session(request, request.user)),
  );
  app.post(
    '/api/logout',
    toHandler(async (request) => {
      await request.logOut();
      return demo.session(request, null);
    }),
  );
  app.get(
    '/api/items',
    toHandler((request) => demo.listItems(request)),
  );
  app.delete<{ Params: { id: string } }>(
    '/api/items/:id',
    toHandler((request) => demo.deleteItem(request, request.params.id)),
  );
  // Guarded handlers that render HTML through Fastify and return nothing; a
  // refusal is what they return instead, for toHandler to write.
  const HTML = 'text/html; charset=utf-8';
  app.get(
    '/fragments/items',
    toHandler((request, reply) => demo.itemsFragment(request, (html) => reply.type(HTML).send(html))),
  );
  app.get(
    '/account',
    toHandler((request, reply) => demo.account(request, request.user!, (html) => reply.type(HTML).send(html))),
  );
  for (const [path, file] of Object.entries(VENDOR_FILES)) {
    app.get(path, (_request, reply) => reply.type(SCRIPT_TYPE).send(createReadStream(file)));
  }

  const url = await app.listen({ host, port });
  return { url, close: () => app.close() };
};
