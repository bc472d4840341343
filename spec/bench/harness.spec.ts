import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';

// Compiled into build/spec-legacy/bench; `npm run build:spec` compiles the benchmark into build/bench.
const RUN = resolve(__dirname, '..', '..', 'bench', 'http', 'run.mjs');
// Bounded: the orchestrator gets SIGTERM, kills its servers and load generator, and the test fails.
const LIMIT_MS = 60_000;

const VARIANTS: Record<string, readonly string[]> = {
  express: ['bare', 'hand-written', 'ajax-guard', 'nestjs', 'routing-controllers'],
  koa: ['bare', 'hand-written', 'ajax-guard', 'routing-controllers'],
  fastify: ['bare', 'hand-written', 'ajax-guard', 'nestjs'],
};
const PATHS = ['authenticated', 'anonymous'] as const;

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
  path: string;
  requestsPerSecond: Spread;
  p99Ms: Spread;
  cpuMicrosPerRequest: Spread;
  toBare: Ratios;
  toHandWritten: Ratios;
  samples: { requests: number }[];
}
interface Report {
  unavailable: unknown[];
  rows: Row[];
  targets: { framework: string; path: string; cpuRatio: number; cpuMet: boolean; requestsPerSecondMet: boolean }[];
  answers: { framework: string; variant: string; path: string; status: number }[];
}

// What the harness runs for one tiny round, with no coverage collected in its children.
function runTinyRound(out: string): Promise<string> {
  const { NODE_V8_COVERAGE: _, ...env } = process.env;
  const args = [RUN, '--rounds', '1', '--duration', '0.2', '--warmup', '0', '--out', out];
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, args, { env, timeout: LIMIT_MS, killSignal: 'SIGTERM' }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolvePromise(stdout),
    );
  });
}

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

  const row = (framework: string, variant: string, path: string): Row | undefined =>
    report.rows.find((r) => r.framework === framework && r.variant === variant && r.path === path);

  it('measures every framework, variant and path, peers included', () => {
    expect(report.unavailable).to.deep.equal([]);
    const measured = report.rows.map((r) => `${r.framework} ${r.variant} ${r.path}`).sort();
    const expected = Object.entries(VARIANTS).flatMap(([framework, variants]) =>
      variants.flatMap((variant) => PATHS.map((path) => `${framework} ${variant} ${path}`)),
    );
    expect(measured).to.deep.equal(expected.sort());
  });

  it('reports positive requests per second, p99 latency and server CPU per request', () => {
    for (const r of report.rows) {
      const where = `${r.framework} ${r.variant} ${r.path}`;
      for (const figure of [r.requestsPerSecond, r.p99Ms, r.cpuMicrosPerRequest])
        expect(isSaneSpread(figure), where).to.equal(true);
      expect(r.samples.map((sample) => sample.requests > 0)).to.deep.equal([true]);
    }
  });

  it('takes every ratio against the same framework and path, so each reference is 1 to itself', () => {
    for (const r of report.rows) {
      for (const ratios of [r.toBare, r.toHandWritten]) {
        expect(Object.keys(ratios).sort()).to.deep.equal(['cpuMicrosPerRequest', 'p99Ms', 'requestsPerSecond']);
        for (const spread of Object.values(ratios)) expect(isSaneSpread(spread)).to.equal(true);
      }
      const self = r.variant === 'bare' ? r.toBare : r.variant === 'hand-written' ? r.toHandWritten : undefined;
      for (const spread of Object.values(self ?? {})) expect(spread.median).to.equal(1);
      const bare = row(r.framework, 'bare', r.path);
      expect(r.toBare.cpuMicrosPerRequest.median).to.be.closeTo(
        r.cpuMicrosPerRequest.median / bare!.cpuMicrosPerRequest.median,
        1e-9,
      );
    }
  });

  it('checks the targets of ajax-guard against the hand-written check on every framework and path', () => {
    const checked = report.targets.map((t) => `${t.framework} ${t.path}`).sort();
    expect(checked).to.deep.equal(
      Object.keys(VARIANTS)
        .flatMap((framework) => PATHS.map((path) => `${framework} ${path}`))
        .sort(),
    );
    for (const target of report.targets) {
      expect(target.cpuRatio).to.equal(
        row(target.framework, 'ajax-guard', target.path)!.toHandWritten.cpuMicrosPerRequest.median,
      );
      expect([typeof target.cpuMet, typeof target.requestsPerSecondMet]).to.deep.equal(['boolean', 'boolean']);
    }
  });

  it('saw 401 from every checked variant on the anonymous path, and 200 everywhere else', () => {
    for (const answer of report.answers) {
      const expected = answer.path === 'anonymous' && answer.variant !== 'bare' ? 401 : 200;
      expect(answer.status, `${answer.framework} ${answer.variant} ${answer.path}`).to.equal(expected);
    }
    expect(report.answers).to.have.length((2 * report.rows.length) / PATHS.length);
  });

  it('prints a table per framework and path, and the targets', () => {
    for (const title of ['Express 5', 'Koa 3', 'Fastify 5']) {
      expect(stdout).to.include(`### ${title}, authenticated (200)`).and.include(`### ${title}, anonymous (401)`);
    }
    expect(stdout).to.include('### ajax-guard against the hand-written check');
  });
});
