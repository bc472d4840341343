/**
 * The demo's specs are compiled twice, with standard (TC39) decorators into
 * `build/examples/` and with `experimentalDecorators` into
 * `build/examples-legacy/`, and run the same assertions in both.
 */
export const decoratorMode = __dirname.includes('examples-legacy') ? 'legacy' : 'tc39';

/** A describe title tagged with the mode, so that a failure says which compilation failed. */
export const inMode = (title: string): string => `${title} [${decoratorMode}]`;
