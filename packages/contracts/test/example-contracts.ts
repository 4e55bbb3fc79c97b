// Every example contract of this repository: the kabupaten example project and the contract fixtures
// that load (bad-many.yaml is bad on purpose).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Contract, loadContract } from '@tukar/contracts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

const FILES = [
  ...readdirSync(`${root}examples/kontrak-kabupaten/contracts`).map(
    (f) => `examples/kontrak-kabupaten/contracts/${f}`,
  ),
  'packages/contracts/test/fixtures/dinkes.puskesmas.yaml',
  ...readdirSync(`${root}packages/contracts/test/fixtures/diff`)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `packages/contracts/test/fixtures/diff/${f}`),
].filter((f) => /\.ya?ml$/.test(f));

/** Loads every example contract; a file that does not load fails the caller's test with its problems. */
export async function exampleContracts(): Promise<{ file: string; contract: Contract }[]> {
  const loaded: { file: string; contract: Contract }[] = [];
  for (const file of FILES) {
    const result = await loadContract(`${root}${file}`);
    if (!result.ok) throw new Error(`${file}: ${result.problems.map((p) => p.message).join('; ')}`);
    loaded.push({ file, contract: result.contract });
  }
  return loaded;
}

/** The repository root (the ODCS reference files sit at `../shared/standards/odcs` from it). */
export const repositoryRoot = root;
