import type { DinkesPuskesmasRecord, KodeWilayahDesa } from './tukar-types.generated';

/**
 * A row of SIMPUS's own `puskesmas` table, as the application keeps it (its column names, not the
 * contract's): the application maps it to a `dinkes.puskesmas` record before sending it to the hub.
 */
export interface SimpusRow {
  kode: string;
  nama: string;
  alamat: string;
  /** Kode desa/kelurahan (Kemendagri, dotted). */
  desa: KodeWilayahDesa;
  rawatInap: boolean;
  lat: number;
  lon: number;
  tenagaKesehatan: number;
  dokter?: number;
  telepon?: string;
  akreditasi?: DinkesPuskesmasRecord['terakreditasi'];
}

/** A few rows of SIMPUS Kabupaten Ciamis. */
export const SIMPUS_ROWS: readonly SimpusRow[] = [
  {
    kode: 'P3207010101',
    nama: 'Puskesmas Ciamis',
    alamat: 'Jl. Dr. Soekardjo No. 4, Ciamis',
    desa: '32.07.01.1001',
    rawatInap: true,
    lat: -7.3275,
    lon: 108.3535,
    tenagaKesehatan: 68,
    dokter: 5,
  },
  {
    kode: 'P3207010102',
    nama: 'Puskesmas Kertasari',
    alamat: 'Jl. Kertasari No. 10, Ciamis',
    desa: '32.07.01.2008',
    rawatInap: false,
    lat: -7.3301,
    lon: 108.3412,
    tenagaKesehatan: 31,
    dokter: 2,
  },
  {
    kode: 'P3207090201',
    nama: 'Puskesmas Kawali',
    alamat: 'Jl. Siliwangi No. 12, Kawali',
    desa: '32.07.09.2001',
    rawatInap: true,
    lat: -7.1889,
    lon: 108.3733,
    tenagaKesehatan: 54,
    dokter: 4,
  },
];
