import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'node',
  // The reference-code formats locate idn-area-data with createRequire(import.meta.url): shim it in the CJS build.
  shims: true,
});
