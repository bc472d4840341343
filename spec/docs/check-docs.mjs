#!/usr/bin/env node
/**
 * Docs that cannot drift: compiles every TypeScript block of the docs
 * against the built package (strict, nodenext, TypeScript 7, both decorator
 * modes where a block has decorators), checks that every spec title the
 * docs cite exists in that spec's source, and that the README mentions
 * every export of every entry point. Exits 1 on any failure.
 *
 *   node spec/docs/check-docs.mjs [--root <dir>] [file.md ...]
 *
 * With no files: README.md, SECURITY.md, CONTRIBUTING.md,
 * examples/demo/README.md and docs/*.md. Run `npm run build` first.
 *
 * @example
 * // package.json: "lint": "biome check . && node spec/docs/check-docs.mjs"
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadExports, unmentionedExports } from './api-exports.mjs';
import { extractUnits } from './code-blocks.mjs';
import { compileUnits } from './compile-units.mjs';
import { checkPointers, findPointers } from './spec-pointers.mjs';

const TSC_TIMEOUT_MS = 120_000;

function readArguments(argv) {
  let root = resolve(import.meta.dirname, '..', '..');
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') root = resolve(argv[++i] ?? '.');
    else files.push(argv[i]);
  }
  return { root, files };
}

function defaultDocs(root) {
  const docs = ['README.md', 'SECURITY.md', 'CONTRIBUTING.md', 'examples/demo/README.md'].filter((file) =>
    existsSync(join(root, file)),
  );
  const folder = join(root, 'docs');
  if (existsSync(folder))
    docs.push(
      ...readdirSync(folder)
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => `docs/${name}`),
    );
  return docs;
}

async function main() {
  const started = Date.now();
  const { root, files } = readArguments(process.argv.slice(2));
  const docs = files.length > 0 ? files.map((file) => relative(root, resolve(file))) : defaultDocs(root);
  const units = [];
  const skipped = [];
  const pointers = [];
  for (const doc of docs) {
    const text = readFileSync(join(root, doc), 'utf8');
    const found = extractUnits(doc, text);
    units.push(...found.units);
    skipped.push(...found.skipped);
    pointers.push(...findPointers(doc, text));
  }

  const compileFailures = await compileUnits(root, units, { timeoutMs: TSC_TIMEOUT_MS });
  const pointerProblems = checkPointers(root, pointers);
  // The README's API in brief names every export, unless the run is given other files.
  const readme = join(root, 'README.md');
  const unmentioned =
    files.length === 0 && existsSync(readme) ? unmentionedExports(loadExports(root), readFileSync(readme, 'utf8')) : [];

  for (const failure of compileFailures) console.log(`${failure.file}:${failure.line} [${failure.mode}] ${failure.message}`);
  for (const problem of pointerProblems) console.log(`${problem.doc}:${problem.line} ${problem.problem}`);
  for (const { entry, name } of unmentioned) console.log(`README.md does not mention ${entry}'s export ${name}`);
  const legacy = units.filter((unit) => unit.modes.includes('legacy')).length;
  const titles = pointers.reduce((sum, pointer) => sum + pointer.titles.length, 0);
  console.log(
    `check-docs: ${docs.length} files; ${units.length} code blocks compiled (${legacy} also with experimentalDecorators), ` +
      `${skipped.length} marked nocheck${skipped.length > 0 ? ` (${skipped.map((block) => `${block.file}:${block.line}`).join(', ')})` : ''}; ` +
      `${pointers.length} spec pointers, ${titles} titles; ` +
      `${compileFailures.length} compile errors, ${pointerProblems.length} broken pointers, ` +
      `${unmentioned.length} exports the README does not mention; ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (compileFailures.length + pointerProblems.length + unmentioned.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`check-docs: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
});
