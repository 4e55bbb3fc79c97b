// The agreed contract SIMPUS exchanges under, from the regency's contracts package.
import { fileURLToPath } from 'node:url';
import { type Contract, loadContract } from '@tukar/contracts';

export const contractsDir = fileURLToPath(new URL('../../kontrak-kabupaten/contracts/', import.meta.url));

export async function puskesmasContract(): Promise<Contract> {
  const loaded = await loadContract(`${contractsDir}dinkes.puskesmas.yaml`);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  return loaded.contract;
}
