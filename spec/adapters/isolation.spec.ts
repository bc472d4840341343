import { execFile } from 'node:child_process';
import { expect } from 'chai';
import { inMode } from '../support/decorator-mode.js';

// A fresh Node process loads one entry point and prints every module file it
// loaded. ESM `import` of an entry loads the CommonJS build, so require.cache
// sees every module either way.
function loadedFiles(specifier: string, how: 'require' | 'import'): Promise<string[]> {
  const load = how === 'require' ? `require(${JSON.stringify(specifier)});` : `await import(${JSON.stringify(specifier)});`;
  const script = `(async () => { ${load} console.log(JSON.stringify(Object.keys(require.cache))); })()`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { timeout: 10_000 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as string[]),
    );
  });
}

/** The packages among `files`, by their folder under node_modules. */
function packagesOf(files: readonly string[]): string[] {
  const names = files.map((file) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file)?.[1]?.replace('\\', '/'));
  return [...new Set(names.filter((name) => name !== undefined))].sort();
}

describe(inMode('importing an entry point'), () => {
  const entries = {
    'ajax-guard': 'dist/index.js',
    'ajax-guard/express': 'dist/adapters/express.js',
    'ajax-guard/koa': 'dist/adapters/koa.js',
    'ajax-guard/fastify': 'dist/adapters/fastify.js',
    'ajax-guard/fetch': 'dist/adapters/fetch.js',
    'ajax-guard/hono': 'dist/adapters/hono.js',
  };
  for (const [specifier, built] of Object.entries(entries)) {
    for (const how of ['require', 'import'] as const) {
      describe(`${how}('${specifier}')`, () => {
        it('loads its build and no web framework: nothing from node_modules but reflect-metadata', async () => {
          const files = await loadedFiles(specifier, how);
          expect(files.map((file) => file.replaceAll('\\', '/'))).to.satisfy((loaded: string[]) =>
            loaded.some((file) => file.endsWith(`/${built}`)),
          );
          expect(packagesOf(files).filter((name) => name !== 'reflect-metadata')).to.deep.equal([]);
        });
      });
    }
  }
});

describe(inMode('importing ajax-guard/nestjs'), () => {
  for (const how of ['require', 'import'] as const) {
    it(`${how}s Nest's common and core packages, and neither a platform nor a web framework`, async () => {
      const packages = packagesOf(await loadedFiles('ajax-guard/nestjs', how));
      expect(packages).to.include.members(['@nestjs/common', '@nestjs/core']);
      const frameworks = /^(express|fastify|koa|hono|@nestjs\/platform-.*)$/;
      expect(packages.filter((name) => frameworks.test(name))).to.deep.equal([]);
    });
  }
});
