import type { Options } from 'tsup';

/**
 * The build every @tukar package shares: `src/index.ts` to ESM and CJS with type declarations. No
 * source maps: they would double what `npm install` puts on disk (the builds are not minified, so a
 * stack trace already points at readable code). `platform: 'neutral'` for packages that must also run in browsers (spec, client).
 * `TUKAR_BUILD_DTS=0` leaves the declarations out (a few seconds instead of a minute): `pnpm demo`
 * builds that way when it has to build; `pnpm build` always writes them.
 */
export function libraryBuild(platform: 'node' | 'neutral', extra: Options = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: process.env.TUKAR_BUILD_DTS !== '0',
    sourcemap: false,
    clean: true,
    target: 'es2022',
    platform,
    ...extra,
  };
}
