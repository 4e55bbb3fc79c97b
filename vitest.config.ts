import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources of the workspace packages: `@tukar/x` → packages/x/src/index.ts,
    // `@tukar/x/sub` → packages/x/src/sub.ts. The published builds are checked by publint and attw.
    alias: [
      { find: /^@tukar\/([a-z-]+)$/, replacement: `${packagesDir}$1/src/index.ts` },
      { find: /^@tukar\/([a-z-]+)\/([a-z-]+)$/, replacement: `${packagesDir}$1/src/$2.ts` },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
