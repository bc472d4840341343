/**
 * Reads what `node --trace-opt --trace-deopt` prints: each function V8's
 * optimizing compiler (TurboFan, Maglev) finished compiling, with its time,
 * and each optimized function it threw out, with the reason; grouped by the
 * sections a marker line opens.
 */

/** One function compiled: its name and the milliseconds its compilation took, all phases together. */
export interface Compiled {
  readonly name: string;
  readonly ms: number;
}

/** One optimized function thrown out, and why. */
export interface Deoptimized {
  readonly name: string;
  readonly reason: string;
}

/** What V8 compiled and threw out within one section. */
export interface TraceSection {
  readonly compiled: Compiled[];
  readonly deoptimized: Deoptimized[];
}

/** The line that opens a section, which the reader matches: `MARKER` and the section's name. */
export const MARKER = '=== section';

// `[completed compiling 0x... <JSFunction name (sfi = 0x...)> (target TURBOFAN) - took 0.013, 1.2, 0.034 ms]`:
// an anonymous function shows no name, only `(sfi = ...)`.
const COMPILED =
  /^\[completed compiling 0x[0-9a-f]+ <JSFunction (\S*) ?\(sfi = [^)]*\)> \(target \w+\) - took ([\d.]+), ([\d.]+), ([\d.]+) ms\]/;
// `[bailout (kind: deopt-eager, reason: wrong map): begin. deoptimizing 0x... <JSFunction name (sfi = ...)>, ...`
const DEOPTIMIZED = /^\[bailout \(kind: [^,]+, reason: ([^)]*)\): begin\. deoptimizing 0x[0-9a-f]+ <JSFunction (\S*) ?\(sfi/;

/**
 * The sections of `trace`, by name, in order. Lines before the first
 * marker (start-up) belong to no section and are left out; so is any line
 * the reader does not know.
 */
export function readTrace(trace: string): Map<string, TraceSection> {
  const sections = new Map<string, TraceSection>();
  let current: TraceSection | undefined;
  for (const line of trace.split('\n')) {
    if (line.startsWith(`${MARKER} `)) {
      current = { compiled: [], deoptimized: [] };
      sections.set(line.slice(MARKER.length + 1).trim(), current);
      continue;
    }
    if (current === undefined) continue;
    const compiled = COMPILED.exec(line);
    if (compiled !== null) {
      const [, name = '', ...phases] = compiled;
      current.compiled.push({ name: name || '(anonymous)', ms: phases.reduce((sum, ms) => sum + Number(ms), 0) });
      continue;
    }
    const deoptimized = DEOPTIMIZED.exec(line);
    if (deoptimized !== null) current.deoptimized.push({ name: deoptimized[2] || '(anonymous)', reason: deoptimized[1] ?? '' });
  }
  return sections;
}
