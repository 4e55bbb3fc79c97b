import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// Two entries: `@tukar/spec` (types, limits, problem codes: what a browser client needs) and
// `@tukar/spec/operations` (the operation model, the path matcher and the ajv factory, with the document).
// No source maps: they would mostly map the bundled OpenAPI document, twice, and triple the install.
export default defineConfig(
  libraryBuild('neutral', {
    entry: { index: 'src/index.ts', operations: 'src/operations.ts' },
    sourcemap: false,
  }),
);
