import { resolve } from 'node:path';

// This file runs compiled in `build/examples/demo/servers/`.
const ROOT = resolve(__dirname, '../../../..');

/**
 * The scripts the page loads besides its own, by the path it asks for them
 * at: htmx 4 and jQuery as npm installed them, and ajax-guard's browser
 * client as `npm run build` wrote it (the file the `import` condition of
 * `ajax-guard/client` names, served as it is: it imports nothing).
 *
 * @example
 * for (const [path, file] of Object.entries(VENDOR_FILES)) app.get(path, (_req, res) => res.type(SCRIPT_TYPE).sendFile(file));
 */
export const VENDOR_FILES: Readonly<Record<string, string>> = Object.freeze({
  '/vendor/htmx.js': resolve(ROOT, 'node_modules/htmx.org/dist/htmx.js'),
  '/vendor/jquery.js': resolve(ROOT, 'node_modules/jquery/dist/jquery.js'),
  '/vendor/ajax-guard/client.js': resolve(ROOT, 'dist/esm/client/create-fetch.js'),
});

/** The content type of every file in `VENDOR_FILES`. */
export const SCRIPT_TYPE = 'text/javascript; charset=utf-8';
