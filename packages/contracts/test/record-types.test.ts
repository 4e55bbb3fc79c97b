// The types `tukar types` writes for the five example contracts of the kabupaten (committed as
// fixtures/kabupaten-types.generated.ts and checked fresh here): a wrong field, a wrong type, a missing
// required field or a value outside an enum does not compile (`pnpm typecheck` checks each
// expect-error line below); the contract's own examples do, and pass the generated zod schemas.
import { readFileSync } from 'node:fs';
import { generateRecordTypes } from '@tukar/contracts/types';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { exampleContracts } from './example-contracts';
import {
  type BpkadRealisasiApbdRecord,
  type Datasets,
  type DinkesPuskesmasKey,
  type DinkesPuskesmasRecord,
  type DisdikSekolahRecord,
  type DisdukcapilPendudukDesaRecord,
  type DiskumdagUmkmRecord,
  type KodeWilayahDesa,
  type Nik,
  schemas,
  validators,
} from './fixtures/kabupaten-types.generated';

const FIXTURE = new URL('./fixtures/kabupaten-types.generated.ts', import.meta.url);

async function kabupatenContracts() {
  return (await exampleContracts()).filter((c) => c.file.startsWith('examples/kontrak-kabupaten/'));
}

describe('generated record types', () => {
  test('the committed file is what generateRecordTypes writes for the five contracts', async () => {
    const contracts = await kabupatenContracts();
    expect(contracts.map((c) => c.contract.contract).sort()).toHaveLength(5);
    const fresh = await generateRecordTypes(contracts.map((c) => c.contract));
    expect(fresh).toBe(readFileSync(FIXTURE, 'utf8'));
  }, 90_000);

  test('each contract example is a valid record for the zod schema and the validators', async () => {
    for (const { contract } of await kabupatenContracts()) {
      const id = contract.contract as keyof Datasets;
      for (const example of contract.examples ?? []) {
        expect(schemas[id].safeParse(example).success, `${id} ${JSON.stringify(example)}`).toBe(true);
        expect(validators[id](example)).toEqual([]);
      }
    }
  });

  test('a record with a number as text is refused with the hub’s code and path', () => {
    const record = {
      kode_puskesmas: 'P3207010101',
      nama: 'Puskesmas Ciamis',
      alamat: 'Jl. Dr. Soekardjo No. 4, Ciamis',
      kode_wilayah: '32.07.01.1001',
      jenis: 'rawat inap',
      koordinat: { lat: -7.3275, lon: 108.3535 },
      jumlah_tenaga_kesehatan: '12',
    };
    expect(validators['dinkes.puskesmas'](record).map((i) => [i.code, i.path])).toEqual([
      ['type', '/jumlah_tenaga_kesehatan'],
    ]);
  });

  test('dinkes.puskesmas: nested object, enum, reference format, optional fields', () => {
    const ok: DinkesPuskesmasRecord = {
      kode_puskesmas: 'P3207010101',
      nama: 'Puskesmas Ciamis',
      alamat: 'Jl. Dr. Soekardjo No. 4, Ciamis',
      kode_wilayah: '32.07.01.1001',
      jenis: 'rawat inap',
      koordinat: { lat: -7.3275, lon: 108.3535 },
      jumlah_tenaga_kesehatan: 68,
    };
    expectTypeOf(ok.kode_wilayah).toEqualTypeOf<KodeWilayahDesa>();
    expectTypeOf(ok.jenis).toEqualTypeOf<'rawat inap' | 'non rawat inap'>();
    expectTypeOf(ok.jumlah_dokter).toEqualTypeOf<number | undefined>();
    expectTypeOf<DinkesPuskesmasKey>().toEqualTypeOf<{ kode_puskesmas: string }>();
    expectTypeOf<Datasets['dinkes.puskesmas']['record']>().toEqualTypeOf<DinkesPuskesmasRecord>();
    // @ts-expect-error a number as text
    const wrongType: DinkesPuskesmasRecord = { ...ok, jumlah_tenaga_kesehatan: '12' };
    // @ts-expect-error a field the contract does not define
    const wrongField: DinkesPuskesmasRecord = { ...ok, jumlah_nakes: 12 };
    // @ts-expect-error a value outside the enum
    const wrongEnum: DinkesPuskesmasRecord = { ...ok, jenis: 'rawat jalan' };
    // @ts-expect-error an undotted kode wilayah
    const wrongFormat: DinkesPuskesmasRecord = { ...ok, kode_wilayah: '3207011001' };
    // @ts-expect-error required koordinat missing
    const missing: DinkesPuskesmasRecord = {
      kode_puskesmas: 'P3207010101',
      nama: 'Puskesmas Ciamis',
      alamat: 'Jl. Dr. Soekardjo No. 4, Ciamis',
      kode_wilayah: '32.07.01.1001',
      jenis: 'rawat inap',
      jumlah_tenaga_kesehatan: 68,
    };
    // @ts-expect-error a nested field of the wrong type
    const wrongNested: DinkesPuskesmasRecord = { ...ok, koordinat: { lat: '-7.3', lon: 108.35 } };
    expect([wrongType, wrongField, wrongEnum, wrongFormat, missing, wrongNested]).toHaveLength(6);
  });

  test('disdik.sekolah', () => {
    const ok: DisdikSekolahRecord = {
      npsn: '20211034',
      nama: 'SD Negeri 1 Ciamis',
      jenjang: 'SD',
      status: 'negeri',
      kode_wilayah: '32.07.01',
      alamat: 'Jl. Jenderal Sudirman No. 51, Ciamis',
    };
    // @ts-expect-error a number where the contract has a string
    const wrongType: DisdikSekolahRecord = { ...ok, npsn: 20211034 };
    // @ts-expect-error a field the contract does not define
    const wrongField: DisdikSekolahRecord = { ...ok, jumlah_siswa: 400 };
    // @ts-expect-error a value outside the enum
    const wrongEnum: DisdikSekolahRecord = { ...ok, jenjang: 'TK' };
    // @ts-expect-error required status missing
    const missing: DisdikSekolahRecord = {
      npsn: '20211034',
      nama: 'SD',
      jenjang: 'SD',
      kode_wilayah: '32.07.01',
      alamat: 'x',
    };
    expect([ok, wrongType, wrongField, wrongEnum, missing]).toHaveLength(5);
  });

  test('disdukcapil.penduduk-desa', () => {
    const ok: DisdukcapilPendudukDesaRecord = {
      kode_desa: '32.07.01.2008',
      semester: '2024-1',
      jumlah_penduduk: 6218,
      laki_laki: 3097,
      perempuan: 3121,
      kepala_keluarga: 1987,
    };
    // @ts-expect-error a number as text
    const wrongType: DisdukcapilPendudukDesaRecord = { ...ok, laki_laki: '3097' };
    // @ts-expect-error a field the contract does not define (aggregates only: no NIK)
    const wrongField: DisdukcapilPendudukDesaRecord = { ...ok, nik: '3207011203850001' };
    // @ts-expect-error a kecamatan code where a desa code belongs
    const wrongFormat: DisdukcapilPendudukDesaRecord = { ...ok, kode_desa: '32.07.01' };
    // @ts-expect-error required kepala_keluarga missing
    const missing: DisdukcapilPendudukDesaRecord = {
      kode_desa: '32.07.01.2008',
      semester: '2024-1',
      jumlah_penduduk: 1,
      laki_laki: 1,
      perempuan: 0,
    };
    expect([wrongType, wrongField, wrongFormat, missing]).toHaveLength(4);
  });

  test('diskumdag.umkm', () => {
    const ok: DiskumdagUmkmRecord = {
      nib: '9120304561278',
      nama_usaha: 'Galendo Asli Ciamis',
      nik_pemilik: '3207094507900003',
      nama_pemilik: 'Siti Rohmah',
      sektor: 'kuliner',
      skala: 'mikro',
      kode_wilayah: '32.07.09.2002',
    };
    expectTypeOf(ok.nik_pemilik).toEqualTypeOf<Nik>();
    // @ts-expect-error a NIK as a number
    const wrongType: DiskumdagUmkmRecord = { ...ok, nik_pemilik: 3207094507900003 };
    // @ts-expect-error a field the contract does not define
    const wrongField: DiskumdagUmkmRecord = { ...ok, alamat_pemilik: 'Ciamis' };
    // @ts-expect-error a value outside the enum
    const wrongEnum: DiskumdagUmkmRecord = { ...ok, skala: 'besar' };
    // @ts-expect-error required sektor missing
    const missing: DiskumdagUmkmRecord = {
      nib: '1',
      nama_usaha: 'x',
      nik_pemilik: '1',
      nama_pemilik: 'y',
      skala: 'mikro',
      kode_wilayah: '32.07.09.2002',
    };
    expect([wrongType, wrongField, wrongEnum, missing]).toHaveLength(4);
  });

  test('bpkad.realisasi-apbd: an open record takes other fields, not other types', () => {
    const ok: BpkadRealisasiApbdRecord = {
      tahun_anggaran: 2024,
      bulan: 6,
      kode_opd: '1.02.0.00.0.00.01.0000',
      nama_opd: 'Dinas Kesehatan',
      anggaran: 412500000000,
      realisasi: 31250000000,
      persentase: 43.22,
    };
    // The contract leaves the record open (no additionalProperties: false): another field is allowed.
    const other: BpkadRealisasiApbdRecord = { ...ok, catatan: 'angka sementara' };
    // @ts-expect-error a number as text
    const wrongType: BpkadRealisasiApbdRecord = { ...ok, realisasi: '31250000000' };
    // @ts-expect-error a misspelled required field: `bulan` is then missing
    const wrongField: BpkadRealisasiApbdRecord = {
      tahun_anggaran: 2024,
      bln: 6,
      kode_opd: 'x',
      nama_opd: 'y',
      anggaran: 1,
      realisasi: 1,
      persentase: 1,
    };
    expect([other, wrongType, wrongField]).toHaveLength(3);
  });
});
