import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';

// Compiled into build/spec-legacy/bench; `npm run build:spec` compiles the benchmark into build/bench.
const RUN = resolve(__dirname, '..', '..', 'bench', 'http', 'orchestrate', 'run.mjs');
// Bounded: the orchestrator gets SIGTERM, kills its servers and load generator, and the test fails.
const LIMIT_MS = 120_000;

const VARIANTS: Record<string, readonly string[]> = {
  express: ['bare', 'hand-written', 'ajax-guard', 'nestjs', 'nestjs-ajax-guard', 'routing-controllers'],
  koa: ['bare', 'hand-written', 'ajax-guard', 'routing-controllers'],
  fastify: ['bare', 'hand-written', 'ajax-guard', 'nestjs', 'nestjs-ajax-guard'],
  hono: ['bare', 'hand-written', 'ajax-guard'],
  'hono-bun': ['bare', 'hand-written', 'ajax-guard'],
  'fetch-bun': ['bare', 'hand-written', 'ajax-guard'],
};
// Every variant serves the sync check; only the hand-written check and ajax-guard serve the rest.
const SYNC = ['sync-200', 'sync-401'];
const OTHERS = ['async-200', 'async-401', 'store-200', 'store-401', 'login-302', 'login-401', 'permission-200', 'permission-403'];
const MIDDLEWARE = ['middleware-200', 'middleware-401'];
const CASES: Record<string, readonly string[]> = {
  express: [...SYNC, ...OTHERS, ...MIDDLEWARE],
  koa: [...SYNC, ...OTHERS, ...MIDDLEWARE],
  fastify: [...SYNC, ...OTHERS, 'schema-200', 'schema-401', ...MIDDLEWARE],
  hono: [...SYNC, ...MIDDLEWARE],
  'hono-bun': [...SYNC, ...MIDDLEWARE],
  'fetch-bun': [...SYNC, ...MIDDLEWARE],
};
// Measured in the smoke round (the rest are probed only): a sync refusal, where the peers and the bare route run too, and toMiddleware's.
const MEASURED = ['sync-401', 'middleware-401'];
const STATUS: Record<string, number> = Object.fromEntries(
  [...CASES.fastify!].map((key) => [key, Number(key.slice(key.lastIndexOf('-') + 1))]),
);

interface Spread {
  median: number;
  min: number;
  max: number;
}
interface Ratios {
  requestsPerSecond: Spread;
  cpuMicrosPerRequest: Spread;
  p99Ms: Spread;
}
interface Row {
  framework: string;
  variant: string;
  case: string;
  requestsPerSecond: Spread;
  p99Ms: Spread;
  cpuMicrosPerRequest: Spread;
  toBare: Ratios | undefined;
  toHandWritten: Ratios;
  samples: { requests: number }[];
}
interface OtherGuardCheck {
  framework: string;
  case: string;
  guard: string;
  ajaxGuard: Spread;
  ajaxGuardInNest: Spread | undefined;
  noCheck: Spread | undefined;
  met: boolean;
}
interface Report {
  meta: { options: { control: boolean } };
  unavailable: unknown[];
  rows: Row[];
  targets: { framework: string; case: string; cpuRatio: number; cpuMet: boolean; requestsPerSecondMet: boolean }[];
  otherGuards: OtherGuardCheck[];
  answers: { framework: string; variant: string; case: string; status: number; headers: Record<string, string> }[];
}

// What the harness runs for one tiny round, with no coverage collected in its children.
function runTinyRound(out: string, extra: readonly string[] = MEASURED.flatMap((key) => ['--case', key])): Promise<string> {
  const { NODE_V8_COVERAGE: _, ...env } = process.env;
  const args = [RUN, '--rounds', '1', '--duration', '0.2', '--warmup', '0', '--out', out, ...extra];
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, args, { env, timeout: LIMIT_MS, killSignal: 'SIGTERM' }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolvePromise(stdout),
    );
  });
}

// Express's `res.json`, which the hand-written check answers with, adds an ETag; ajax-guard's write does not.
const etagOf = (report: Report, variant: string): string | undefined =>
  report.answers.find((a) => a.framework === 'express' && a.variant === variant && a.case === 'sync-401')?.headers.etag;

const isSaneSpread = ({ median, min, max }: Spread): boolean =>
  Number.isFinite(median) && min > 0 && min <= median && median <= max;

describe('npm run bench, for one tiny round', function () {
  this.timeout(LIMIT_MS + 5_000);
  this.slow(30_000);

  const dir = mkdtempSync(join(tmpdir(), 'ajax-guard-bench-'));
  let stdout = '';
  let report: Report;
  before(async () => {
    stdout = await runTinyRound(join(dir, 'report.json'));
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const row = (framework: string, variant: string, key: string): Row | undefined =>
    report.rows.find((r) => r.framework === framework && r.variant === variant && r.case === key);
  // `framework variant case` for every variant that serves a case: the measured cases only, or all.
  const served = (measuredOnly: boolean): string[] =>
    Object.entries(CASES).flatMap(([framework, cases]) =>
      cases
        .filter((key) => !measuredOnly || MEASURED.includes(key))
        .flatMap((key) =>
          VARIANTS[framework]!.filter((v) => SYNC.includes(key) || v === 'hand-written' || v === 'ajax-guard').map(
            (variant) => `${framework} ${variant} ${key}`,
          ),
        ),
    );

  it('measures every framework and variant on the cases asked for, peers included', () => {
    expect(report.unavailable).to.deep.equal([]);
    expect(report.rows.map((r) => `${r.framework} ${r.variant} ${r.case}`).sort()).to.deep.equal(served(true).sort());
  });

  it('reports positive requests per second, p99 latency and server CPU per request', () => {
    for (const r of report.rows) {
      const where = `${r.framework} ${r.variant} ${r.case}`;
      for (const figure of [r.requestsPerSecond, r.p99Ms, r.cpuMicrosPerRequest])
        expect(isSaneSpread(figure), where).to.equal(true);
      expect(r.samples.map((sample) => sample.requests > 0)).to.deep.equal([true]);
    }
  });

  it('takes every ratio against the same framework and case, so each reference is 1 to itself', () => {
    for (const r of report.rows) {
      expect(r.toBare === undefined, `${r.framework} ${r.variant} ${r.case}`).to.equal(!SYNC.includes(r.case));
      for (const ratios of [r.toBare ?? r.toHandWritten, r.toHandWritten]) {
        expect(Object.keys(ratios).sort()).to.deep.equal(['cpuMicrosPerRequest', 'p99Ms', 'requestsPerSecond']);
        for (const spread of Object.values(ratios)) expect(isSaneSpread(spread)).to.equal(true);
      }
      const self = r.variant === 'bare' ? r.toBare : r.variant === 'hand-written' ? r.toHandWritten : undefined;
      for (const spread of Object.values(self ?? {})) expect(spread.median).to.equal(1);
      const hand = row(r.framework, 'hand-written', r.case);
      expect(r.toHandWritten.cpuMicrosPerRequest.median).to.be.closeTo(
        r.cpuMicrosPerRequest.median / hand!.cpuMicrosPerRequest.median,
        1e-9,
      );
    }
  });

  it('checks the targets of ajax-guard against the hand-written check on every framework and measured case', () => {
    const checked = report.targets.map((t) => `${t.framework} ${t.case}`).sort();
    expect(checked).to.deep.equal(
      Object.entries(CASES)
        .flatMap(([framework, cases]) => cases.filter((key) => MEASURED.includes(key)).map((key) => `${framework} ${key}`))
        .sort(),
    );
    for (const target of report.targets) {
      expect(target.cpuRatio).to.equal(
        row(target.framework, 'ajax-guard', target.case)!.toHandWritten.cpuMicrosPerRequest.median,
      );
      expect([typeof target.cpuMet, typeof target.requestsPerSecondMet]).to.deep.equal(['boolean', 'boolean']);
    }
  });

  it("weighs ajax-guard's 401 against each other library's guard that served it, and the bare route's too", () => {
    expect(report.otherGuards.map((c) => `${c.framework} ${c.case} ${c.guard}`).sort()).to.deep.equal([
      'express sync-401 nestjs',
      'express sync-401 routing-controllers',
      'fastify sync-401 nestjs',
      'koa sync-401 routing-controllers',
    ]);
    // One round: each ratio is that round's CPU per request over the other guard's.
    const cpu = (framework: string, variant: string, key: string) => row(framework, variant, key)!.cpuMicrosPerRequest.median;
    for (const check of report.otherGuards) {
      const theirs = cpu(check.framework, check.guard, check.case);
      const where = `${check.framework} ${check.guard}`;
      expect(check.ajaxGuard.median, where).to.be.closeTo(cpu(check.framework, 'ajax-guard', check.case) / theirs, 1e-9);
      expect(check.noCheck!.median, where).to.be.closeTo(cpu(check.framework, 'bare', check.case) / theirs, 1e-9);
      if (check.guard === 'nestjs') {
        const inNest = cpu(check.framework, 'nestjs-ajax-guard', check.case) / theirs;
        expect(check.ajaxGuardInNest!.median, where).to.be.closeTo(inNest, 1e-9);
      } else expect(check.ajaxGuardInNest, where).to.equal(undefined);
      expect(check.met, where).to.equal(check.ajaxGuard.median <= 0.5);
    }
  });

  it("saw each case's status from every checking variant, and 200 from the bare route", () => {
    for (const answer of report.answers) {
      const expected = answer.variant === 'bare' ? 200 : STATUS[answer.case];
      expect(answer.status, `${answer.framework} ${answer.variant} ${answer.case}`).to.equal(expected);
    }
    // Every case is probed, whichever are measured.
    expect(report.answers.map((a) => `${a.framework} ${a.variant} ${a.case}`).sort()).to.deep.equal(served(false).sort());
  });

  it("runs ajax-guard's own server in its place: on Express its refusal carries no ETag, the hand-written one does", () => {
    expect(report.meta.options.control).to.equal(false);
    expect(etagOf(report, 'hand-written')).to.be.a('string');
    expect(etagOf(report, 'ajax-guard')).to.equal(undefined);
  });

  it('prints one table: a line per framework and case, then one per 401 against another guard', () => {
    // A line of the first table names its framework, case and status.
    const lines = stdout
      .split('\n')
      .filter((text) => /^\| (Express|Koa|Fastify|Hono|Fetch API) [^|]*\| [^|]*\| \d{3} \|/.test(text));
    expect(lines).to.have.length(Object.values(CASES).flatMap((cases) => cases.filter((key) => MEASURED.includes(key))).length);
    expect(stdout).to.include('| framework | case | status |');
    const againstOthers = stdout
      .split('\n')
      .filter((text) => /^\| \S.* \| sync check, anonymous \| (nestjs|routing-controllers) \|/.test(text));
    expect(againstOthers).to.have.length(report.otherGuards.length);
  });
});

describe('npm run bench -- --control, for one tiny round', function () {
  this.timeout(LIMIT_MS + 5_000);
  this.slow(10_000);

  const dir = mkdtempSync(join(tmpdir(), 'ajax-guard-bench-'));
  let stdout = '';
  let report: Report;
  before(async () => {
    const args = ['--control', '--no-peers', '--framework', 'express', '--case', 'sync-401'];
    stdout = await runTinyRound(join(dir, 'report.json'), args);
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // The ETags themselves may differ: each body carries the second it was built in.
  it("serves the hand-written check in ajax-guard's place: its refusal carries the ETag of Express's res.json", () => {
    expect(report.meta.options.control).to.equal(true);
    expect(etagOf(report, 'hand-written')).to.be.a('string');
    expect(etagOf(report, 'ajax-guard')).to.be.a('string');
  });

  it('measures the stand-in as it measures ajax-guard, against the hand-written check', () => {
    const row = report.rows.find((r) => r.variant === 'ajax-guard' && r.case === 'sync-401');
    expect(row?.framework).to.equal('express');
    expect(isSaneSpread(row!.toHandWritten.cpuMicrosPerRequest)).to.equal(true);
  });

  it('says above its table that it is a control run', () => {
    expect(stdout.startsWith("Control run: the hand-written check served in ajax-guard's place.")).to.equal(true);
    expect(stdout).to.include('| framework | case | status |');
    const againstOthers = stdout
      .split('\n')
      .filter((text) => /^\| \S.* \| sync check, anonymous \| (nestjs|routing-controllers) \|/.test(text));
    expect(againstOthers).to.have.length(report.otherGuards.length);
  });
});

describe('npm run bench -- --in-handler, for one tiny round', function () {
  this.timeout(2 * LIMIT_MS + 5_000);
  this.slow(15_000);

  const dir = mkdtempSync(join(tmpdir(), 'ajax-guard-bench-'));
  let stdout = '';
  let report: Report & { meta: { servers: Record<string, Record<string, string>> } };
  let control: typeof report;
  before(async () => {
    const args = ['--in-handler', '--no-peers', '--framework', 'fastify', '--framework', 'express', '--case', 'sync-401'];
    stdout = await runTinyRound(join(dir, 'report.json'), args);
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as typeof report;
    await runTinyRound(join(dir, 'control.json'), ['--control', ...args]);
    control = JSON.parse(readFileSync(join(dir, 'control.json'), 'utf8')) as typeof report;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("serves Fastify's hand-written check from its handlers, and every other variant as before", () => {
    expect(report.meta.servers.fastify).to.include({
      bare: 'bare',
      'hand-written': 'hand-written-in-handler',
      'ajax-guard': 'ajax-guard',
    });
    expect(report.meta.servers.express).to.include({ 'hand-written': 'hand-written', 'ajax-guard': 'ajax-guard' });
  });

  it('answers every Fastify case from its handlers with the status and the very answer of ajax-guard', () => {
    const answered = report.answers.filter((a) => a.framework === 'fastify' && a.variant === 'hand-written');
    expect(answered.map((a) => `${a.case} ${a.status}`)).to.have.members(CASES.fastify!.map((key) => `${key} ${STATUS[key]}`));
  });

  it('in a control run, serves the check from its handlers in the place of both', () => {
    expect(control.meta.servers.fastify).to.include({
      'hand-written': 'hand-written-in-handler',
      'ajax-guard': 'hand-written-in-handler',
    });
    expect(control.meta.servers.express).to.include({ 'hand-written': 'hand-written', 'ajax-guard': 'hand-written' });
  });

  it('says above its table where the hand-written check is written', () => {
    expect(stdout.startsWith("Fastify's hand-written check written in each route's handler")).to.equal(true);
    expect(stdout).to.include('| Fastify 5 | sync check, anonymous | 401 |');
  });
});
