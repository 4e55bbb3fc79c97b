// Shared pieces of the @tukar/pact tests: temp dirs, the example contracts, a quiet PactV4.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Contract, loadContract } from '@tukar/contracts';

export const contractsDir = fileURLToPath(
  new URL('../../../examples/kontrak-kabupaten/contracts/', import.meta.url),
);

/** An example contract of examples/kontrak-kabupaten, loaded. */
export async function exampleContract(id: string): Promise<Contract> {
  const loaded = await loadContract(join(contractsDir, `${id}.yaml`));
  if (!loaded.ok) throw new Error(`example contract ${id} does not load: ${loaded.problems[0]?.message}`);
  return loaded.contract;
}

/** A fresh temporary directory and its removal. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `tukar-pact-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
