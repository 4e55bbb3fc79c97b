import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// The client installs alone: what it uses of `@tukar/spec` (types; its limits are copied in hub-limits.ts), openapi-fetch (types only:
// the client makes its calls itself) and jose (receipt verification) is bundled into its build, code and
// declarations, so `npm install @tukar/client`
// fetches no dependency (the spec package carries the OpenAPI document and ajv, which the client never
// loads). They are devDependencies; the declarations are read from where their types are written.
const bundled = ['@tukar/spec', 'openapi-fetch', 'openapi-typescript-helpers', 'jose'];
const declarations = {
  '@tukar/spec': ['../spec/src/index.ts'],
  'openapi-fetch': ['node_modules/openapi-fetch/dist/index.d.mts'],
  'openapi-typescript-helpers': ['node_modules/openapi-typescript-helpers/dist/index.d.mts'],
};

// Two entries: `@tukar/client` and `@tukar/client/sign` (origin signatures of batches with WebCrypto),
// apart so that a client that does not sign carries none of it.
export default defineConfig(
  libraryBuild('neutral', {
    entry: { index: 'src/index.ts', sign: 'src/sign.ts' },
    splitting: false, // no shared chunk: each entry stands alone
    noExternal: bundled,
    dts:
      process.env.TUKAR_BUILD_DTS === '0'
        ? false
        : { resolve: bundled, compilerOptions: { paths: declarations } },
  }),
);
