import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// Runs on Node and in browsers: no `node:*` import anywhere (file reading gets the built-ins from
// process.getBuiltinModule). The area-list reader finds data/wilayah-codes.txt from import.meta.url:
// shim import.meta.url in the CJS build. `wilayah-data` is the area list compiled in, for browsers.
// `sql` (DDL parser, live MariaDB/PostgreSQL tables) is Node only and kept out of the main entry.
// ajv, ajv-formats and yaml (CommonJS, about 150 files between them) are bundled into the ESM build:
// loading them file by file was a third of a `tukar validate` run. They stay dependencies for their types
// and for the CommonJS build.
const BUNDLED_IN_ESM = ['ajv', 'ajv-formats', 'yaml'];

export default defineConfig(
  libraryBuild('neutral', {
    entry: {
      index: 'src/index.ts',
      'wilayah-data': 'src/wilayah-data.ts',
      sql: 'src/sql.ts',
      xlsx: 'src/xlsx.ts',
      markup: 'src/markup.ts',
      procedure: 'src/procedure.ts',
      types: 'src/types.ts',
      zod: 'src/zod.ts',
    },
    shims: true,
    noExternal: BUNDLED_IN_ESM,
    esbuildOptions(options, { format }) {
      // CommonJS callers keep requiring them from node_modules: the bundled copies would be a second
      // megabyte on disk for a build that `tukar` does not load.
      if (format === 'cjs') options.external = [...(options.external ?? []), ...BUNDLED_IN_ESM];
    },
  }),
);
