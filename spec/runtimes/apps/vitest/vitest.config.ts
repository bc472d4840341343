// Legacy decorators (`experimentalDecorators`), as NestJS apps use them.
// A tsconfig.json with `experimentalDecorators: true` beside the tests does the same.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { decorator: { legacy: true } },
  test: { env: { DECORATORS: 'legacy' } },
});
