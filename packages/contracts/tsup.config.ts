import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// The reference-code formats locate idn-area-data with createRequire(import.meta.url): shim it in the CJS build.
export default defineConfig(libraryBuild('node', { shims: true }));
