import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// Runs on Node and in browsers: no `node:*` import anywhere (file reading gets the built-ins from
// process.getBuiltinModule). The area-list reader finds data/wilayah-codes.txt from import.meta.url:
// shim import.meta.url in the CJS build. `wilayah-data` is the area list compiled in, for browsers.
export default defineConfig(
  libraryBuild('neutral', { entry: ['src/index.ts', 'src/wilayah-data.ts', 'src/markup.ts'], shims: true }),
);
