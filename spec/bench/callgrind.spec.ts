import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';

// Compiled into build/spec-legacy/bench; `npm run build:spec` compiles the benchmark into build/bench.
const CALLGRIND = pathToFileURL(resolve(__dirname, '..', '..', 'bench', 'http', 'report', 'callgrind.mjs')).href;

type Count = (output: string) => number;

describe('npm run bench:instructions, reading what callgrind wrote', () => {
  let countedInstructions: Count;
  let compilationInstructions: Count;
  before(async () => {
    ({ countedInstructions, compilationInstructions } = (await import(CALLGRIND)) as {
      countedInstructions: Count;
      compilationInstructions: Count;
    });
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

  // A run's file as callgrind writes it: names compressed after their first use, calls' inclusive costs on the line after `calls=`.
  const RUN = [
    'positions: line',
    'events: Ir',
    'fn=(1) Builtins_CEntry_Return1_ArgvOnStack_NoBuiltinExit',
    '0 40',
    'cfn=(2) v8::internal::Runtime_CompileOptimized(int, unsigned long*, v8::internal::Isolate*)',
    'calls=1 0',
    '0 9000',
    'cfn=(3) v8::internal::Runtime_CompileLazy(int, unsigned long*, v8::internal::Isolate*)',
    'calls=2 0',
    '0 500',
    'cfn=(4) v8::internal::Runtime_GetProperty(int, unsigned long*, v8::internal::Isolate*)',
    'calls=7 0',
    '0 3000',
    'cfn=(2)',
    'calls=1 0',
    '+2 1000',
    'fn=(2)',
    '0 10400',
    'summary: 24000',
  ];

  it("adds up the inclusive cost of every call into V8's compilers, a compressed name's too", () => {
    expect(compilationInstructions(RUN.join('\n'))).to.equal(10500);
  });

  it('reads the cost after as many position columns as the file declares', () => {
    const twoColumns = RUN.map((text) =>
      text === 'positions: line' ? 'positions: instr line' : text.replace(/^(0|\+2) /, '$1 0 '),
    );
    expect(compilationInstructions(twoColumns.join('\n'))).to.equal(10500);
  });

  it('counts nothing for a run that never compiled', () => {
    expect(compilationInstructions(RUN.slice(0, 4).join('\n'))).to.equal(0);
  });

  it('fails, rather than count wrong, when a call has no cost line', () => {
    expect(() => compilationInstructions([...RUN.slice(0, 6), 'fn=(5) other'].join('\n'))).to.throw(Error, /no cost/);
  });
});
