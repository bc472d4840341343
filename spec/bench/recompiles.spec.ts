import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { expect } from 'chai';

// Compiled into build/spec-legacy/bench; `npm run build:spec` compiles the benchmark into build/bench.
const RECOMPILES = resolve(__dirname, '..', '..', 'bench', 'http', 'orchestrate', 'recompiles.mjs');
// Bounded: the command gets SIGTERM, kills its servers and load generator, and the test fails.
const LIMIT_MS = 60_000;

function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { NODE_V8_COVERAGE: _, ...env } = process.env;
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [RECOMPILES, ...args],
      { env, timeout: LIMIT_MS, killSignal: 'SIGTERM' },
      (error, stdout, stderr) => resolvePromise({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// `  hand-written: 12 compiled in 40.1 ms, 3 thrown out`
const TOTAL = /^ {2}(hand-written|ajax-guard): (\d+) compiled in ([\d.]+) ms, (\d+) thrown out$/;

describe('npm run bench:recompiles, for two short cases', function () {
  this.timeout(LIMIT_MS + 5_000);
  this.slow(20_000);

  let stdout = '';
  before(async () => {
    const result = await run(['--framework', 'fastify', '--case', 'sync-200', '--case', 'sync-401', '--seconds', '0.3']);
    expect(result.code, result.stderr).to.equal(0);
    stdout = result.stdout;
  });

  it("traces both servers on each case, in the benchmark's order, with what each compiled and threw out", () => {
    expect(stdout).to.match(/^## fastify: 0\.3 s of load per case, in this order$/m);
    const lines = stdout.split('\n');
    expect(lines.filter((line) => /^sync-(200|401)$/.test(line))).to.deep.equal(['sync-200', 'sync-401']);
    const totals = lines.flatMap((line) => {
      const match = TOTAL.exec(line);
      return match === null ? [] : [{ variant: match[1], compiled: Number(match[2]) }];
    });
    expect(totals.map((total) => total.variant)).to.deep.equal(['hand-written', 'ajax-guard', 'hand-written', 'ajax-guard']);
    // The first case to take load is where V8 compiles the request path, in either server.
    expect(totals[0]!.compiled).to.be.greaterThan(0);
    expect(totals[1]!.compiled).to.be.greaterThan(0);
    expect(stdout.match(/^ {2}only in ajax-guard's server:$/gm)).to.have.length(2);
  });

  it('refuses a duration that is not a positive number, naming the option', async () => {
    const result = await run(['--seconds', '0']);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('--seconds must be a positive number, got 0');
  });
});
