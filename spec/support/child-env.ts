/**
 * The environment for a process a spec starts: this one's, minus c8's
 * `NODE_V8_COVERAGE`, since such a process runs a packed copy outside the
 * measured files, and a bundler under coverage writes a report per module.
 *
 * @example
 * spawn(command, args, { env: childEnv({ CI: '1' }) });
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { NODE_V8_COVERAGE: _measured, ...env } = process.env;
  return { ...env, ...extra };
}
