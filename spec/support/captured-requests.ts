/**
 * Real framework request objects, captured from real servers on loopback:
 * each helper sends one raw HTTP/1.1 request (so targets such as
 * `//evil.example`, `/\evil` or `http://evil/x` reach the server unchanged)
 * and resolves with the object the framework handed its handler.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import express from 'express';
import fastify, { type FastifyRequest } from 'fastify';

// @types/koa clashes with the content-disposition types Express 5 installs,
// so Koa is loaded untyped: these helpers need only its app and context shapes.
interface KoaApp {
  use(middleware: (ctx: Record<string, unknown>) => void): void;
  callback(): RequestListener;
}
const Koa = require('koa') as new () => KoaApp;

/** `GET /x` and its headers, as a raw request head. */
export const rawHead = (target: string, headers: Record<string, string> = {}, method = 'GET'): string =>
  [`${method} ${target} HTTP/1.1`, 'Host: localhost', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');

// Writes the head and waits until the server closes the connection.
function send(server: Server, head: string): Promise<void> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(`${head}\r\nConnection: close\r\n\r\n`));
    socket.on('data', () => {});
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
}

async function captureWith<T>(listener: (capture: (request: T) => void) => RequestListener, head: string): Promise<T> {
  let captured: T | undefined;
  const server = createServer(listener((request) => (captured = request)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await send(server, head);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  if (captured === undefined) throw new Error(`the server never reached the handler for ${head.split('\r\n')[0]}`);
  return captured;
}

/** An Express 5 `req`, from an app that mounts its handler under `mount`. */
export function expressRequest(head: string, mount = '/'): Promise<express.Request> {
  return captureWith((capture) => {
    const app = express();
    app.use(mount, (req, res) => {
      capture(req);
      res.end();
    });
    return app;
  }, head);
}

/** A Koa 3 `ctx`. */
export function koaContext(head: string): Promise<Record<string, unknown>> {
  return captureWith((capture) => {
    const app = new Koa();
    app.use((ctx) => {
      capture(ctx);
      ctx.body = '';
    });
    return app.callback();
  }, head);
}

/** A Fastify 5 `request`, from a catch-all route. */
export async function fastifyRequest(head: string): Promise<FastifyRequest> {
  let captured: FastifyRequest | undefined;
  const app = fastify();
  app.all('*', async (request) => {
    captured = request;
    return '';
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    await send(app.server, head);
  } finally {
    await app.close();
  }
  if (captured === undefined) throw new Error(`fastify never reached the handler for ${head.split('\r\n')[0]}`);
  return captured;
}
