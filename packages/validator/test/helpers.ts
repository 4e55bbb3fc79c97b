import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The example contracts of a kabupaten (real kode wilayah of Ciamis, NIK checks, every pagination style). */
export const CONTRACTS = fileURLToPath(
  new URL('../../../examples/kontrak-kabupaten/contracts/', import.meta.url),
);
export const PUSKESMAS = join(CONTRACTS, 'dinkes.puskesmas.yaml');
export const UMKM = join(CONTRACTS, 'diskumdag.umkm.yaml');
export const SEKOLAH = join(CONTRACTS, 'disdik.sekolah.yaml');
export const PENDUDUK = join(CONTRACTS, 'disdukcapil.penduduk-desa.yaml');
export const REALISASI = join(CONTRACTS, 'bpkad.realisasi-apbd.yaml');

/** A valid puskesmas record; `i` makes the key unique. */
export function puskesmas(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kode_puskesmas: `P32070${String(10000 + i).padStart(5, '0')}`,
    nama: `Puskesmas Ciamis ${i}`,
    alamat: `Jl. Dr. Soekardjo No. ${i}, Ciamis`,
    kode_wilayah: '32.07.01.2008',
    jenis: i % 2 === 0 ? 'rawat inap' : 'non rawat inap',
    koordinat: { lat: -7.3275, lon: 108.3535 },
    jumlah_tenaga_kesehatan: 20 + (i % 50),
    ...extra,
  };
}

/** A valid UMKM record (with a real-looking NIK of Kecamatan Ciamis, a woman born 5 July 1990). */
export function umkm(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nib: String(9120304560000 + i),
    nama_usaha: `Galendo Asli ${i}`,
    nik_pemilik: '3207014507900003',
    nama_pemilik: 'Siti Rohmah',
    sektor: 'kuliner',
    skala: 'mikro',
    kode_wilayah: '32.07.09.2002',
    ...extra,
  };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `tukar-validator-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export const ndjson = (records: unknown[]) => `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
