// The example contracts of examples/kontrak-kabupaten and valid records for them, for the mock's tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadContract, wilayahCodes } from '@tukar/contracts';
import type { MockContract, MockRecord } from '../src/index';

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

let ciamisDesa: string[] | undefined;

/** `count` valid dinkes.puskesmas 1.0.0 records with real desa codes of Ciamis; `offset` shifts the keys. */
export function puskesmas(count: number, offset = 0): MockRecord[] {
  ciamisDesa ??= [...wilayahCodes('desa')].filter((code) => code.startsWith('32.07.'));
  const desa = ciamisDesa;
  return Array.from({ length: count }, (_, i) => {
    const n = i + offset;
    return {
      kode_puskesmas: `P${String(3207000000 + n).padStart(10, '0')}`,
      nama: `Puskesmas Uji ${n}`,
      alamat: `Jl. Contoh No. ${n % 500}, Ciamis`,
      kode_wilayah: desa[n % desa.length],
      jenis: n % 3 === 0 ? 'rawat inap' : 'non rawat inap',
      koordinat: { lat: -7.3 + (n % 100) / 1000, lon: 108.35 + (n % 100) / 1000 },
      jumlah_tenaga_kesehatan: n % 900,
    };
  });
}
