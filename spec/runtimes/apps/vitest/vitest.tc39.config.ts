// Standard (TC39) decorators: Vite's own transform (Oxc) leaves them as they
// are, which Node.js cannot run yet, so esbuild compiles the TypeScript instead.
import { transform } from 'esbuild';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: false,
  plugins: [
    {
      name: 'standard-decorators',
      async transform(code, id) {
        if (!/\.[cm]?ts$/.test(id)) return null;
        const { code: js, map } = await transform(code, {
          loader: 'ts',
          target: 'es2022',
          sourcefile: id,
          sourcemap: 'external',
        });
        return { code: js, map };
      },
    },
  ],
  test: { env: { DECORATORS: 'tc39' } },
});
