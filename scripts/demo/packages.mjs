// The built Tukar packages the demo runs on (`pnpm build` writes them; `pnpm demo` builds first).
// Imported by path: the repository root has no dependency on the packages, each package resolves its own.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

const entries = {
  spec: 'packages/spec/dist/index.js',
  contracts: 'packages/contracts/dist/index.js',
  client: 'packages/client/dist/index.js',
  hubNode: 'packages/hub/dist/node.js',
  validator: 'packages/validator/dist/index.js',
  pact: 'packages/pact/dist/index.js',
};

/** Loads the built packages, or says which one is missing and how to build it. */
export async function loadPackages() {
  const missing = Object.values(entries).filter((path) => !existsSync(`${root}${path}`));
  if (missing.length > 0) {
    throw new Error(`${missing.join(', ')} missing: run \`pnpm build\` first (\`pnpm demo\` does).`);
  }
  const loaded = {};
  for (const [name, path] of Object.entries(entries)) loaded[name] = await import(`${root}${path}`);
  return loaded;
}
