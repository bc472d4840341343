/**
 * Compiles the code blocks of the docs as a reader's project would: a
 * throwaway directory with a strict tsconfig under nodenext, where
 * `node_modules/ajax-guard` is this repository (its built `dist/`) and every
 * other package is the repository's own. One tsc run per decorator mode
 * compiles every block of that mode.
 *
 * @example
 * const failures = await compileUnits(root, units, { timeoutMs: 120_000 });
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { moduleSource } from './code-blocks.mjs';

const COMPILER_OPTIONS = {
  strict: true,
  target: 'es2022',
  lib: ['es2023', 'dom', 'dom.iterable'],
  module: 'nodenext',
  moduleResolution: 'nodenext',
  types: ['node', 'mocha'],
  skipLibCheck: true,
  noEmit: true,
};
const MODES = {
  tc39: { experimentalDecorators: false },
  legacy: { experimentalDecorators: true, emitDecoratorMetadata: true },
};
const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

function linkPackages(root, project) {
  const modules = join(project, 'node_modules');
  mkdirSync(modules);
  const installed = realpathSync(join(root, 'node_modules'));
  for (const name of readdirSync(installed)) {
    if (name !== 'ajax-guard' && name !== '.bin') symlinkSync(join(installed, name), join(modules, name));
  }
  // The package as a reader installs it: resolved through its exports map.
  symlinkSync(root, join(modules, 'ajax-guard'), 'dir');
}

function runTsc(tsc, project, config, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(tsc, ['-p', config, '--pretty', 'false'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (data) => (output += data));
    child.stderr.on('data', (data) => (output += data));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, timedOut: signal === 'SIGKILL', output });
    });
  });
}

/** tsc's report, one entry per error, its continuation lines kept with it. */
function parseDiagnostics(output) {
  const errors = [];
  for (const line of output.split('\n')) {
    const match = DIAGNOSTIC.exec(line);
    if (match !== null) errors.push({ file: match[1], line: Number(match[2]), code: match[4], message: match[5] });
    else if (line.trim() !== '' && errors.length > 0 && /^\s/.test(line)) errors[errors.length - 1].message += ` ${line.trim()}`;
    else if (line.trim() !== '') errors.push({ file: undefined, line: 0, code: '', message: line.trim() });
  }
  return errors;
}

/**
 * Compiles every unit in each of its modes. Resolves to the failures:
 * `{ mode, file, line, message }` with the Markdown file and line.
 */
export async function compileUnits(root, units, { timeoutMs }) {
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  if (!existsSync(join(root, 'dist', 'index.d.ts'))) {
    return [{ mode: 'setup', file: 'dist/', line: 0, message: 'the package is not built: run `npm run build` first' }];
  }
  const project = mkdtempSync(join(tmpdir(), 'ajax-guard-docs-'));
  try {
    linkPackages(root, project);
    writeFileSync(join(project, 'package.json'), '{ "type": "module", "private": true }\n');
    const sources = units.map((unit, index) => ({
      unit,
      name: `block-${String(index).padStart(3, '0')}.ts`,
      ...moduleSource(unit),
    }));
    for (const { name, source } of sources) writeFileSync(join(project, name), source);
    const runs = Object.entries(MODES).map(async ([mode, options]) => {
      const files = sources.filter(({ unit }) => unit.modes.includes(mode)).map(({ name }) => name);
      if (files.length === 0) return [];
      const config = `tsconfig.${mode}.json`;
      writeFileSync(join(project, config), JSON.stringify({ compilerOptions: { ...COMPILER_OPTIONS, ...options }, files }));
      const { code, timedOut, output } = await runTsc(tsc, project, config, timeoutMs);
      if (timedOut) return [{ mode, file: config, line: 0, message: `tsc did not finish within ${timeoutMs / 1000} s` }];
      const errors = parseDiagnostics(output);
      if (code !== 0 && errors.length === 0) errors.push({ file: undefined, line: 0, code: '', message: `tsc exited ${code}` });
      return errors.map((error) => {
        const source = sources.find(({ name }) => name === error.file);
        if (source === undefined)
          return { mode, file: error.file ?? config, line: error.line, message: `${error.code} ${error.message}`.trim() };
        const origin = source.originOf(error.line);
        const hidden = origin.hidden ? ' (in the prelude)' : '';
        return { mode, file: source.unit.file, line: origin.line, message: `${error.code}${hidden}: ${error.message}` };
      });
    });
    return (await Promise.all(runs)).flat();
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
