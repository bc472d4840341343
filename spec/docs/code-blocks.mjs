/**
 * The TypeScript blocks of Markdown files, as units to compile: each ```ts
 * or ```typescript block is a module of its own, unless its info string
 * says otherwise.
 *
 *   ```ts nocheck     not compiled (listed in the summary)
 *   ```ts continued   appended to the previous compiled block of the file
 *   ```ts legacy      compiled with experimentalDecorators only (parameter decorators, NestJS)
 *
 * An HTML comment right before a block, `<!-- prelude ... -->`, is compiled
 * ahead of it and hidden from readers: declarations the block assumes.
 *
 * @example
 * const { units, skipped } = extractUnits('README.md', readFileSync('README.md', 'utf8'));
 */

const OPENING = /^ {0,3}(`{3,}|~{3,})\s*([\w-]*)(.*)$/;
const LANGUAGES = new Set(['ts', 'typescript']);
const FLAGS = new Set(['nocheck', 'continued', 'legacy']);
// A decorator at the start of a line, or on a parameter: `(@Body() dto`.
const DECORATOR = /^\s*@[A-Za-z_$]|[(,]\s*@[A-Za-z_$]/m;

function readFlags(info, where) {
  const flags = new Set(info.trim().split(/\s+/).filter(Boolean));
  for (const flag of flags) {
    if (!FLAGS.has(flag)) throw new Error(`${where}: unknown code block flag "${flag}" (known: ${[...FLAGS].join(', ')})`);
  }
  return flags;
}

/** The fenced blocks of one file, with the prelude comment that precedes each. */
function fencedBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  let prelude;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^<!--\s*prelude\b/.test(line)) {
      const start = i;
      const body = [line.replace(/^<!--\s*prelude\b/, '')];
      while (!body[body.length - 1].includes('-->') && i + 1 < lines.length) body.push(lines[++i]);
      body[body.length - 1] = body[body.length - 1].replace(/-->.*$/, '');
      prelude = { code: body.join('\n'), line: start + 1 };
      continue;
    }
    const opening = OPENING.exec(line);
    if (opening === null) {
      if (line.trim() !== '') prelude = undefined;
      continue;
    }
    const [, fence, language, info] = opening;
    const first = i + 1;
    while (i + 1 < lines.length && !lines[i + 1].trimStart().startsWith(fence)) i++;
    const code = lines.slice(first, i + 1).join('\n');
    i++; // the closing fence
    blocks.push({ language: language.toLowerCase(), info, code, line: first + 1, prelude });
    prelude = undefined;
  }
  return blocks;
}

/**
 * The units to compile in one file: `{ file, line, chunks, modes }`, where
 * each chunk keeps the line of the Markdown it came from, and the blocks
 * marked nocheck, `{ file, line }`.
 */
export function extractUnits(file, text) {
  const units = [];
  const skipped = [];
  for (const block of fencedBlocks(text)) {
    if (!LANGUAGES.has(block.language)) continue;
    const where = `${file}:${block.line}`;
    const flags = readFlags(block.info, where);
    if (flags.has('nocheck')) {
      skipped.push({ file, line: block.line });
      continue;
    }
    const chunks = [];
    if (block.prelude !== undefined) chunks.push({ code: block.prelude.code, line: block.prelude.line, hidden: true });
    chunks.push({ code: block.code, line: block.line, hidden: false });
    const previous = units[units.length - 1];
    if (flags.has('continued')) {
      if (previous === undefined) throw new Error(`${where}: a continued block needs a compiled block before it`);
      previous.chunks.push(...chunks);
      if (flags.has('legacy')) previous.legacyOnly = true;
    } else {
      units.push({ file, line: block.line, chunks, legacyOnly: flags.has('legacy') });
    }
  }
  for (const unit of units) {
    const decorated = unit.chunks.some((chunk) => DECORATOR.test(chunk.code));
    unit.modes = unit.legacyOnly ? ['legacy'] : decorated ? ['tc39', 'legacy'] : ['tc39'];
  }
  return { units, skipped };
}

/**
 * The source of a unit as one module, and a function from a line of that
 * source to the Markdown line it came from.
 */
export function moduleSource(unit) {
  const parts = [];
  const origins = [];
  for (const chunk of unit.chunks) {
    const lines = chunk.code.split('\n');
    lines.forEach((_, index) => {
      origins.push(chunk.hidden ? { line: chunk.line, hidden: true } : { line: chunk.line + index, hidden: false });
    });
    parts.push(chunk.code);
  }
  // Every block is a module, so that blocks never share top-level names.
  const source = `${parts.join('\n')}\nexport {};\n`;
  return { source, originOf: (line) => origins[line - 1] ?? { line: unit.line, hidden: false } };
}
