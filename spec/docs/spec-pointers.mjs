/**
 * The spec pointers the docs cite, and whether they still name real tests.
 * A pointer is a spec file in backquotes followed by titles:
 *
 *   `spec/guard/stacked-guards.spec.ts` › "when the caller is anonymous" › "should answer 401" and "should ..."
 *
 * Titles joined by `›`, `,`, `;`, `and` or `or` all belong to that file. A
 * `<...>` in a title stands for the part the spec generates per case.
 *
 * @example
 * const problems = checkPointers(root, findPointers('SECURITY.md', text));
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PATH = /`((?:spec|examples|bench)\/[^`\s<>]+\.m?ts)`/g;
const JOINER = /^\s*(?:›|[,;]?\s*(?:and|or)\b|[,;])\s*/;

function lineOf(text, index) {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Reads the titles that follow `index`: `› "a" › "b" and "c"`. */
function readTitles(text, index) {
  const titles = [];
  let rest = text.slice(index);
  if (!/^\s*›/.test(rest)) return titles;
  for (;;) {
    const joiner = JOINER.exec(rest);
    if (joiner === null) break;
    const after = rest.slice(joiner[0].length);
    const quoted = /^"([^"]*)"/.exec(after);
    if (quoted === null) break;
    titles.push(quoted[1].replace(/\s+/g, ' ').trim());
    rest = after.slice(quoted[0].length);
  }
  return titles;
}

/** Every path the text cites, with the titles that follow it: `{ doc, line, path, titles }`. */
export function findPointers(doc, text) {
  const pointers = [];
  for (const match of text.matchAll(PATH)) {
    pointers.push({
      doc,
      line: lineOf(text, match.index),
      path: match[1],
      titles: readTitles(text, match.index + match[0].length),
    });
  }
  return pointers;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A title as a pattern over one line of source: `<...>` matches what the spec generates.
function titlePattern(title) {
  return new RegExp(
    title
      .split(/<[^>]+>/)
      .map(escapeRegExp)
      .join('.+?'),
  );
}

// A template literal given to describe or it, or opening a line (a title wrapped onto its own line).
const TITLE_TEMPLATE = /(?:^\s*|\b(?:describe|it|context|inMode)\(\s*)`([^`]*\$\{[^`]*)`/g;

// The template literals of a line as patterns, so that a doc may cite one
// generated title as it reads: `when the check ${how}` matches "when the check throws".
function templatePatterns(line) {
  const patterns = [];
  for (const [, template] of line.matchAll(TITLE_TEMPLATE)) {
    const pieces = template.split(/\$\{[^}]*\}/);
    if (pieces.join('').length >= 8) patterns.push(new RegExp(`^${pieces.map(escapeRegExp).join('.+')}$`));
  }
  return patterns;
}

function cites(lines, title) {
  const pattern = titlePattern(title);
  return lines.some((line) => pattern.test(line) || templatePatterns(line).some((template) => template.test(title)));
}

/** The pointers whose file is missing or lacks a title: `{ doc, line, path, title?, problem }`. */
export function checkPointers(root, pointers) {
  const problems = [];
  const sources = new Map();
  for (const pointer of pointers) {
    const file = join(root, pointer.path);
    if (!existsSync(file)) {
      problems.push({ ...pointer, problem: `${pointer.path} does not exist` });
      continue;
    }
    if (!sources.has(file)) sources.set(file, readFileSync(file, 'utf8').replace(/\\(['"`])/g, '$1'));
    const lines = sources.get(file).split('\n');
    for (const title of pointer.titles) {
      if (!cites(lines, title)) {
        problems.push({ ...pointer, title, problem: `${pointer.path} has no test titled "${title}"` });
      }
    }
  }
  return problems;
}
