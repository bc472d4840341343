import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { repositoryRoot } from '../support/packed-tarball.js';

const PAGE = join(repositoryRoot, 'docs', 'runtimes.md');
const SOURCE_LINK = /\]\(\.\.\/(spec\/runtimes\/apps\/[^)]+)\)/g;
// Marked `nocheck` for the docs checker: these run as whole files instead.
const CODE_BLOCK = /^```(ts|json)(?: nocheck)?\n([\s\S]*?)^```$/gm;

// Each code block of the page, with the app file linked last before it.
function quotedBlocks(): { file: string; code: string }[] {
  const page = readFileSync(PAGE, 'utf8');
  return [...page.matchAll(CODE_BLOCK)].map((block) => {
    const links = [...page.slice(0, block.index).matchAll(SOURCE_LINK)];
    return { file: links.at(-1)?.[1] ?? '(no file linked before it)', code: block[2]! };
  });
}

describe('docs/runtimes.md', () => {
  it('quotes every example verbatim from the app file it links, which the runtime specs run', () => {
    const blocks = quotedBlocks();
    expect(blocks.length).to.be.greaterThan(10);
    for (const { file, code } of blocks) {
      expect(readFileSync(join(repositoryRoot, file), 'utf8'), `a block quoted from ${file}`).to.include(code);
    }
  });
});
