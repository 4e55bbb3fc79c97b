import type { Options } from 'tsup';

/**
 * The build every @tukar package shares: `src/index.ts` to ESM and CJS with type declarations and
 * source maps. `platform: 'neutral'` for packages that must also run in browsers (spec, client).
 */
export function libraryBuild(platform: 'node' | 'neutral', extra: Options = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform,
    ...extra,
  };
}
