import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// `shims`: the CJS build gets an `import.meta.url` (the verifier finds the Pact core with it).
export default defineConfig(libraryBuild('node', { shims: true }));
