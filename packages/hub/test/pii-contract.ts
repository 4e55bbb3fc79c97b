// A contract whose primary key is a NIK (x-pii), with sentinel NIKs that appear nowhere else in the
// repository: a test that finds one of them in a log, an audit entry, a report or an error answer has
// found a leak.
import type { ContractDocument } from './hub-fixture';
import { exampleContract } from './hub-fixture';

/** The dataset id of {@link wargaContract}. */
export const WARGA = 'disdukcapil.warga-uji';

/** Valid NIKs (Ciamis kecamatan, real birth dates) used only by the PII tests. */
export const SENTINEL_NIKS = [
  '3207095711930417',
  '3207012906880733',
  '3207184402010529',
  '3207091503770614',
  '3207325008990282',
] as const;

/** Sentinel names of persons (x-pii), used only by the PII tests. */
export const SENTINEL_NAMES = ['Ratna Sentinelawati', 'Jajang Sentinelrahman'] as const;

/**
 * `disdukcapil.warga-uji` 1.0.0: primary key `nik` (format nik, x-pii), `nama` (x-pii), a desa code, and
 * `lampiran`, an open object (any content).
 */
export async function wargaContract(
  classification: ContractDocument['classification'] = 'terbatas',
): Promise<ContractDocument> {
  const base = await exampleContract('diskumdag.umkm');
  const { examples: _examples, ...rest } = base;
  return {
    ...rest,
    contract: WARGA,
    version: '1.0.0',
    title: 'Warga (uji data pribadi)',
    classification,
    primaryKey: ['nik'],
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['nik', 'nama', 'kode_wilayah'],
      properties: {
        nik: { type: 'string', format: 'nik', 'x-pii': true },
        nama: { type: 'string', maxLength: 120, 'x-pii': true },
        kode_wilayah: { type: 'string', format: 'kode-wilayah-desa' },
        umur: { type: 'integer', minimum: 0, maximum: 150 },
        lampiran: { type: 'object' },
      },
    },
  };
}

/** A valid warga record. */
export function wargaRecord(nik: string, nama: string = SENTINEL_NAMES[0]): Record<string, unknown> {
  return { nik, nama, kode_wilayah: '32.07.09.2002', umur: 40 };
}
