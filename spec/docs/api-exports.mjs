/**
 * The README's API in brief, checked against the package: every name an
 * entry point exports at run time is mentioned in the README, so a new
 * export cannot ship undocumented.
 *
 * @example
 * const missing = unmentionedExports(loadExports(root), readFileSync('README.md', 'utf8'));
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

/** Each entry point of the package at `root` (`ajax-guard`, `ajax-guard/express`...) with its run-time exports. */
export function loadExports(root) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const require = createRequire(resolve(root, 'package.json'));
  const entries = new Map();
  for (const subpath of Object.keys(manifest.exports ?? {})) {
    if (subpath.endsWith('.json')) continue;
    const name = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    entries.set(name, Object.keys(require(name)));
  }
  return entries;
}

/** The exports `text` never names in backquotes: `{ entry, name }`. */
export function unmentionedExports(entries, text) {
  const mentioned = new Set();
  for (const [, code] of text.matchAll(/`([^`\n]+)`/g))
    for (const word of code.match(/[A-Za-z_$][\w$]*/g) ?? []) mentioned.add(word);
  const missing = [];
  for (const [entry, names] of entries) for (const name of names) if (!mentioned.has(name)) missing.push({ entry, name });
  return missing;
}
