import path from 'node:path';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';

// Compiled to CommonJS, a module of re-exports holds each name as a getter,
// and V8 keeps such an exports object as a dictionary: every call an adapter
// made through it would be a lookup and a getter call on each request.
const ADAPTERS = ['express', 'koa', 'fastify', 'hono', 'fetch'];

/** The library's own modules that the adapter module in `file` requires. */
function libraryModulesOf(file: string): NodeJS.Module[] {
  require(file);
  const adapter = require.cache[file];
  if (adapter === undefined) throw new Error(`${file} is not in require.cache`);
  const library = path.dirname(path.dirname(file));
  return adapter.children.filter((child) => child.filename.startsWith(library + path.sep));
}

const gettersOf = (exports: object): string[] =>
  Object.entries(Object.getOwnPropertyDescriptors(exports))
    .filter(([, descriptor]) => descriptor.get !== undefined)
    .map(([name]) => name);

describe(inMode('the built-in adapters, on the request path'), () => {
  for (const name of ADAPTERS) {
    it(`ajax-guard/${name} calls the library's functions as plain properties of their modules, never through getters`, () => {
      const modules = libraryModulesOf(require.resolve(`ajax-guard/${name}`));
      expect(modules.map((module) => path.basename(module.filename))).to.include('is-thenable.js');
      for (const module of modules) expect(gettersOf(module.exports), module.filename).to.deep.equal([]);
    });
  }

  it('finds the getters of a module of re-exports, the kit for adapters of other frameworks', () => {
    expect(gettersOf(require(require.resolve('ajax-guard/adapter')))).to.include('isThenable');
  });
});
