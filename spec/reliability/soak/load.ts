/**
 * The soak's load, in a process of its own: `node load.mjs <url> <seconds>
 * <connections>`, forked by run.js. Keep-alive connections send a mix of
 * signed-in, anonymous and failing requests to 127.0.0.1 until the time is
 * up (or a hard cap on their number is reached), check every answer against
 * what that caller must get, and send back the counts.
 */
import { Agent, request } from 'node:http';
import { CALLERS, credentialsOf } from '../../support/callers.js';

export interface LoadReport {
  readonly type: 'load';
  /** Answers received, expected or not. */
  readonly served: number;
  /** Answers of the wrong status or body (a wrong caller's included), and connection errors. */
  readonly errors: number;
  readonly timeouts: number;
  /** The first few errors, to say what went wrong. */
  readonly samples: readonly string[];
}

const [url, seconds, connectionCount] = process.argv.slice(2);
if (url === undefined || !/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`load only 127.0.0.1, got ${url}`);
const durationMs = Number(seconds) * 1000;
const connections = Number(connectionCount);
// Bounded in count too: far more than loopback serves in that time.
const MAX_REQUESTS = Number(seconds) * 100_000;
const TIMEOUT_MS = 5000;

const SEED_401 =
  /^\{"status":"401","message":"Unknown authentication scheme","timestamp":"\d+","errorcode":"AUTHENTICATION_REQUIRED"\}$/;
const SERIALIZATION_500 =
  /^\{"status":"500","message":"Response could not be serialized","timestamp":"\d+","errorcode":"SERIALIZATION_FAILED"\}$/;

interface Expected {
  readonly status: number;
  /** Any body, for the framework's own 500. */
  readonly body: string | RegExp | undefined;
}

interface Planned {
  readonly path: string;
  readonly user: number | undefined;
  readonly expected: Expected;
}

const randomUser = (): number => (CALLERS[Math.floor(Math.random() * CALLERS.length)] as { id: number }).id;
const echo = (user: number, id: string): Expected => ({ status: 200, body: JSON.stringify({ id: user, request: id }) });
const refused: Expected = { status: 401, body: SEED_401 };

// The mix: most calls signed in or anonymous, on the sync and the async
// check; some reach a handler that throws, or a body that cannot be serialized.
function plan(id: string): Planned {
  const draw = Math.random();
  const user = randomUser();
  if (draw < 0.35) return { path: '/me', user, expected: echo(user, id) };
  if (draw < 0.55) return { path: '/me-later', user, expected: echo(user, id) };
  if (draw < 0.8) return { path: draw < 0.7 ? '/me' : '/me-later', user: undefined, expected: refused };
  if (draw < 0.92) return { path: '/boom', user, expected: { status: 500, body: undefined } };
  if (draw < 0.97) return { path: '/boom', user: undefined, expected: refused };
  return { path: '/cycle', user, expected: { status: 500, body: SERIALIZATION_500 } };
}

const agent = new Agent({ keepAlive: true, maxSockets: connections });
let served = 0;
let errors = 0;
let timeouts = 0;
let sent = 0;
const samples: string[] = [];

function fail(what: string): void {
  errors++;
  if (samples.length < 5) samples.push(what);
}

function send({ path, user, expected }: Planned, id: string): Promise<void> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { 'x-request-id': id };
    Object.assign(headers, credentialsOf(CALLERS.find(({ id }) => id === user)));
    const req = request(`${url}${path}`, { agent, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        served++;
        const bodyOk = typeof expected.body === 'string' ? body === expected.body : (expected.body?.test(body) ?? true);
        if (res.statusCode !== expected.status || !bodyOk) {
          fail(`${path} as ${user ?? 'anonymous'} (#${id}): ${res.statusCode} ${body.slice(0, 200)}`);
        }
        resolve();
      });
      res.on('error', (error) => {
        fail(`${path} (#${id}): ${error.message}`);
        resolve();
      });
    });
    let timedOut = false;
    req.setTimeout(TIMEOUT_MS, () => {
      timedOut = true;
      timeouts++;
      req.destroy();
      resolve();
    });
    req.on('error', (error) => {
      // Destroying a request that timed out fails it too: counted once, as a timeout.
      if (!timedOut) fail(`${path} (#${id}): ${error.message}`);
      resolve();
    });
    req.end();
  });
}

const deadline = Date.now() + durationMs;
async function connection(index: number): Promise<void> {
  for (let n = 0; Date.now() < deadline && sent < MAX_REQUESTS; n++) {
    sent++;
    const id = `${index}-${n}`;
    await send(plan(id), id);
  }
}

async function main(): Promise<void> {
  await Promise.all(Array.from({ length: connections }, (_, index) => connection(index)));
  agent.destroy();
  const report: LoadReport = { type: 'load', served, errors, timeouts, samples };
  process.send?.(report);
  process.disconnect?.();
}

void main();
