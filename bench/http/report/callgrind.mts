/** Reads what valgrind's callgrind writes: the instructions a run executed, and those V8 spent compiling. */

/**
 * The instructions counted in the whole run, from a callgrind output file's
 * `summary:` line (`totals:` in older files).
 */
export function countedInstructions(callgrindOutput: string): number {
  const line = /^(?:summary|totals): (\d+)/m.exec(callgrindOutput);
  if (line === null) throw new Error('no summary line in the callgrind output');
  return Number(line[1]);
}

// V8's ways into its compilers from running code: a function's first call
// (bytecode), a hot function (optimized code, on the stack too) and Sparkplug
// (baseline code). Compilation is entered only from generated code, so these
// never nest, and a call to one holds all of that compilation's work.
const COMPILATION = /^v8::internal::Runtime_(?:CompileLazy|CompileOptimized\w*|CompileBaseline|InstallBaselineCode)\(/;

/**
 * The instructions the run spent in V8's compilers: the inclusive cost of
 * every call into them. When V8 optimizes a function is a matter of timing
 * (a function's budget, the moment a request lands), so two runs of one
 * server compile different amounts within the same requests; the
 * difference to `countedInstructions` is the work of answering them.
 *
 * Callgrind writes each function's cost lines under `fn=`, and a call from it
 * as `cfn=` (the callee), `calls=` (its count and target position), then one
 * cost line with the call's inclusive cost. Names are compressed: `(id) name`
 * the first time, `(id)` after, one table for `fn=` and `cfn=`.
 */
export function compilationInstructions(callgrindOutput: string): number {
  const names = new Map<string, string>();
  const positions = /^positions: (.+)$/m.exec(callgrindOutput)?.[1]?.trim().split(/\s+/).length ?? 1;
  let callee = '';
  let callCostNext = false;
  let total = 0;
  for (const line of callgrindOutput.split('\n')) {
    if (callCostNext) {
      callCostNext = false;
      if (!COMPILATION.test(callee)) continue;
      const cost = Number(line.trim().split(/\s+/)[positions]);
      if (!Number.isSafeInteger(cost)) throw new Error(`no cost on the line after a call: ${line}`);
      total += cost;
      continue;
    }
    const named = /^c?fn=\((\d+)\)(?: (.*))?$/.exec(line);
    if (named !== null) {
      const [, id, name] = named as unknown as [string, string, string | undefined];
      if (name !== undefined) names.set(id, name);
      if (line.startsWith('cfn=')) callee = names.get(id) ?? '';
    } else if (line.startsWith('calls=')) {
      callCostNext = true;
    }
  }
  return total;
}
