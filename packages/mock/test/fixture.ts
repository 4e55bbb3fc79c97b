// The example contracts of examples/kontrak-kabupaten and valid records for them, for the mock's tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadContract } from '@tukar/contracts';
import type { MockContract } from '../src/index';

const contractsDir = fileURLToPath(
  new URL('../../../examples/kontrak-kabupaten/contracts/', import.meta.url),
);

/** An example contract as loaded by `loadContract` (what an OPD developer passes to `mockHub`). */
export async function exampleContract(id: string): Promise<MockContract> {
  const loaded = await loadContract(`${contractsDir}${id}.yaml`);
  if (!loaded.ok) throw new Error(`Example contract ${id} does not load: ${loaded.problems[0]?.message}`);
  return loaded.contract;
}

/** The YAML text of an example contract (what a browser test loads with `loadContract(text)`). */
export function exampleContractText(id: string): string {
  return readFileSync(`${contractsDir}${id}.yaml`, 'utf8');
}

/** `count` valid dinkes.puskesmas 1.0.0 records with real desa codes of Ciamis: the hub's own test generator. */
export { puskesmasRecords as puskesmas } from '../../hub/test/hub-fixture';
