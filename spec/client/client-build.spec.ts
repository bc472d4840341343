import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';

// The page loads this file as it is: it must stay small, and import nothing.
const MAX_GZIPPED_BYTES = 1024;
const ROOT = resolve(__dirname, '../../..');
const ESBUILD = resolve(ROOT, 'node_modules/.bin/esbuild');

type Client = typeof import('ajax-guard/client');

describe(inMode('the ajax-guard/client build'), () => {
  const esmFile = (): string => {
    const exports = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).exports['./client'];
    return resolve(ROOT, exports.import.default);
  };

  it('is under 1 KB minified and gzipped', () => {
    const minified = execFileSync(ESBUILD, [esmFile(), '--minify', '--format=esm', '--log-level=warning'], { timeout: 10_000 });
    const size = gzipSync(minified).byteLength;
    expect(size, `${size} bytes`).to.be.below(MAX_GZIPPED_BYTES);
  });

  it('names an ES module that imports nothing and uses nothing of Node', () => {
    const source = readFileSync(esmFile(), 'utf8');
    expect(source).to.match(/^export function createFetch\(/m);
    expect(source).not.to.match(/^\s*import\b|\bimport\(|\brequire\(|\bprocess\.|\bBuffer\b|node:/m);
    const scope = JSON.parse(readFileSync(resolve(dirname(esmFile()), 'package.json'), 'utf8'));
    expect(scope, 'Node reads it as ESM').to.deep.equal({ type: 'module' });
  });

  it('gives the same API through import and require', async () => {
    const esm: Client = await import('ajax-guard/client');
    const cjs = require('ajax-guard/client') as Client;
    expect(Object.keys(esm).sort()).to.deep.equal(Object.keys(cjs).sort()).and.to.deep.equal(['createFetch']);
    expect(esm.createFetch).not.to.equal(cjs.createFetch);
    expect(require.resolve('ajax-guard/client')).to.match(/[\\/]dist[\\/]client[\\/]create-fetch\.js$/);
  });
});
