import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

export default defineConfig([
  // The core and the memory store run anywhere (Node, browsers, msw): no Node-only imports.
  libraryBuild('neutral'),
  // The Node entry: SQLite and PostgreSQL stores and the HTTP server with graceful shutdown.
  libraryBuild('node', { entry: { node: 'src/node.ts' }, clean: false }),
  // The `tukar-hub` binary: ESM only, with a shebang.
  libraryBuild('node', {
    entry: { bin: 'src/bin.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
