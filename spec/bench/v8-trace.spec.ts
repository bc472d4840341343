import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';

// Compiled into build/spec-legacy/bench; `npm run build:spec` compiles the benchmark into build/bench.
const V8_TRACE = pathToFileURL(resolve(__dirname, '..', '..', 'bench', 'http', 'report', 'v8-trace.mjs')).href;

interface TraceSection {
  compiled: { name: string; ms: number }[];
  deoptimized: { name: string; reason: string }[];
}
type ReadTrace = (trace: string) => Map<string, TraceSection>;

// Lines as Node 20's `--trace-opt --trace-deopt` prints them.
const COMPILED_WRAPPER =
  '[completed compiling 0x06c427ab4149 <JSFunction wrapper (sfi = 0x144d85338d49)> (target TURBOFAN) - took 0.013, 12.381, 0.090 ms]';
const COMPILED_ANONYMOUS =
  '[completed compiling 0x1c1f93ad74e1 <JSFunction (sfi = 0x2e7531a9ce61)> (target TURBOFAN) - took 0.010, 2.000, 0.040 ms]';
const DEOPTIMIZED_WRAPPER =
  '[bailout (kind: deopt-eager, reason: wrong map): begin. deoptimizing 0x06c427ab4149 <JSFunction wrapper (sfi = 0x144d85338d49)>, 0x053bedd6c6d9 <Code TURBOFAN>, opt id 201, bytecode offset 7, deopt exit 44, FP to SP delta 128, caller SP 0x7fff72ae6280, pc 0x7f9f54137b14]';
const DEOPTIMIZED_SEND =
  '[bailout (kind: deopt-eager, reason: Insufficient type feedback for call): begin. deoptimizing 0x0ae53f94aaf1 <JSFunction Reply.send (sfi = 0x222d6c1d46e9)>, 0x2a8d50842751 <Code TURBOFAN>, opt id 3]';

describe('npm run bench:recompiles, reading what V8 traced', () => {
  let readTrace: ReadTrace;
  let marker: string;
  before(async () => {
    ({ readTrace, MARKER: marker } = (await import(V8_TRACE)) as { readTrace: ReadTrace; MARKER: string });
  });

  it('groups each compilation and each function thrown out under the section the last marker opened', () => {
    const trace = [
      `${marker} sync-200`,
      '[marking 0x06c427ab4149 <JSFunction wrapper (sfi = 0x144d85338d49)> for optimization to TURBOFAN, reason: hot and stable]',
      COMPILED_WRAPPER,
      '[completed optimizing 0x06c427ab4149 <JSFunction wrapper (sfi = 0x144d85338d49)> (target TURBOFAN)]',
      `${marker} async-200`,
      DEOPTIMIZED_WRAPPER,
      '            ;;; deoptimize at </work/dist/guard/decide.js:54:31>',
      COMPILED_ANONYMOUS,
      DEOPTIMIZED_SEND,
    ].join('\n');
    const sections = readTrace(trace);
    expect([...sections.keys()]).to.deep.equal(['sync-200', 'async-200']);
    const sync = sections.get('sync-200')!;
    expect(sync.compiled.map((one) => one.name)).to.deep.equal(['wrapper']);
    expect(sync.compiled[0]!.ms).to.be.closeTo(0.013 + 12.381 + 0.09, 1e-9);
    expect(sync.deoptimized).to.deep.equal([]);
    const async = sections.get('async-200')!;
    expect(async.compiled.map((one) => [one.name, Number(one.ms.toFixed(3))])).to.deep.equal([['(anonymous)', 2.05]]);
    expect(async.deoptimized).to.deep.equal([
      { name: 'wrapper', reason: 'wrong map' },
      { name: 'Reply.send', reason: 'Insufficient type feedback for call' },
    ]);
  });

  it('leaves out what came before the first marker: start-up is no case', () => {
    const sections = readTrace([COMPILED_WRAPPER, DEOPTIMIZED_WRAPPER, `${marker} sync-401`, COMPILED_ANONYMOUS].join('\n'));
    expect([...sections.keys()]).to.deep.equal(['sync-401']);
    expect(sections.get('sync-401')!.compiled.map((one) => one.name)).to.deep.equal(['(anonymous)']);
    expect(sections.get('sync-401')!.deoptimized).to.deep.equal([]);
  });

  it('opens an empty section for a case in which nothing was compiled', () => {
    const sections = readTrace(`${marker} a\n${marker} b\n${COMPILED_WRAPPER}\n`);
    expect(sections.get('a')).to.deep.equal({ compiled: [], deoptimized: [] });
    expect(sections.get('b')!.compiled).to.have.length(1);
  });
});
