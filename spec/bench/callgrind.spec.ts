import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';

// Compiled into build/spec-legacy/bench; `npm run build:spec` compiles the benchmark into build/bench.
const CALLGRIND = pathToFileURL(resolve(__dirname, '..', '..', 'bench', 'http', 'report', 'callgrind.mjs')).href;

describe('npm run bench:instructions, reading what callgrind wrote', () => {
  let countedInstructions: (output: string) => number;
  before(async () => {
    ({ countedInstructions } = (await import(CALLGRIND)) as { countedInstructions: (output: string) => number });
  });

  it("takes the whole run's instructions from the summary line", () => {
    const output = ['# callgrind format', 'version: 1', 'events: Ir', 'fn=(1) main', '0 12', 'summary: 2547039085', 'totals: 1'];
    expect(countedInstructions(output.join('\n'))).to.equal(2547039085);
  });

  it('reads the totals line of a file that has no summary', () => {
    expect(countedInstructions('events: Ir\nfn=(1) main\n0 7\ntotals: 4500\n')).to.equal(4500);
  });

  it('fails, rather than count nothing, on a file with neither', () => {
    expect(() => countedInstructions('events: Ir\n')).to.throw(Error, /no summary line/);
  });
});
