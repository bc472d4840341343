/** Reads what valgrind's callgrind writes: the instructions a whole run executed. */

/**
 * The instructions counted in the whole run, from a callgrind output file's
 * `summary:` line (`totals:` in older files).
 */
export function countedInstructions(callgrindOutput: string): number {
  const line = /^(?:summary|totals): (\d+)/m.exec(callgrindOutput);
  if (line === null) throw new Error('no summary line in the callgrind output');
  return Number(line[1]);
}
