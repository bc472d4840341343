import { resolve } from 'node:path';

/**
 * The page, its script and its style, served as they are (no build step).
 * This file runs compiled in `build/examples/demo/servers/`; the static
 * files stay in the source tree, at `examples/demo/public/`.
 */
export const PUBLIC_DIR = resolve(__dirname, '../../../../examples/demo/public');
