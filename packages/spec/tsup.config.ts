import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// Two entries: `@tukar/spec` (types, limits, problem codes: what a browser client needs) and
// `@tukar/spec/operations` (the operation model, the path matcher and the ajv factory, with the document).
// The document is shipped once, as `openapi.json`: the operations entry imports it from there (kept
// external) instead of carrying a copy in each of its ESM and CJS builds.
export default defineConfig(
  libraryBuild('neutral', {
    entry: { index: 'src/index.ts', operations: 'src/operations.ts' },
    external: ['../openapi.json'],
    // Keep `with { type: 'json' }` on that import (Node needs it; es2022 has no import attributes).
    esbuildOptions(options) {
      options.supported = { ...options.supported, 'import-attributes': true };
    },
  }),
);
