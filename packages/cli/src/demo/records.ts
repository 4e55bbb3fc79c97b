// A realistic SIMPUS dataset for dinkes.puskesmas 1.0.0: puskesmas and their pustu (puskesmas pembantu)
// spread over the real desa codes of Kabupaten Ciamis (32.07), every field the contract knows.

const KECAMATAN = [
  'Ciamis',
  'Cikoneng',
  'Cijeungjing',
  'Sadananya',
  'Cidolog',
  'Cihaurbeuti',
  'Panumbangan',
  'Panjalu',
  'Kawali',
  'Panawangan',
  'Cipaku',
  'Jatinagara',
  'Rajadesa',
  'Sukadana',
  'Rancah',
  'Tambaksari',
  'Lakbok',
  'Banjarsari',
  'Pamarican',
  'Cimaragas',
  'Cisaga',
  'Sindangkasih',
  'Baregbeg',
  'Sukamantri',
  'Lumbung',
  'Purwadadi',
  'Banjaranyar',
] as const;
const JALAN = ['Raya', 'Siliwangi', 'Merdeka', 'Pahlawan', 'Sudirman', 'Veteran', 'Galuh', 'Pasar'] as const;
const AKREDITASI = ['dasar', 'madya', 'utama', 'paripurna', 'belum'] as const;

/** One dinkes.puskesmas record. */
export interface PuskesmasRecord {
  [field: string]: unknown;
  kode_puskesmas: string;
  nama: string;
  alamat: string;
  kode_wilayah: string;
  jenis: 'rawat inap' | 'non rawat inap';
  koordinat: { lat: number; lon: number };
  jumlah_tenaga_kesehatan: number;
  jumlah_dokter: number;
  telepon: string;
  terakreditasi: (typeof AKREDITASI)[number];
}

/**
 * `count` valid dinkes.puskesmas records, deterministic, all with the same fields.
 * `desaCodes` are Kemendagri desa codes of Ciamis (`wilayahCodes('desa')` filtered to 32.07.).
 *
 * @example
 * ```ts
 * const records = puskesmasRecords(100, ['32.07.01.2001']);
 * ```
 */
export function puskesmasRecords(count: number, desaCodes: readonly string[]): PuskesmasRecord[] {
  if (desaCodes.length === 0) throw new Error('puskesmasRecords needs at least one desa code');
  const at = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;
  return Array.from({ length: count }, (_, n) => {
    const kecamatan = at(KECAMATAN, n);
    const pustu = n >= KECAMATAN.length;
    const tenaga = pustu ? 2 + (n % 9) : 20 + (n % 60);
    return {
      kode_puskesmas: `P${String(3207000000 + n).padStart(10, '0')}`,
      nama: pustu ? `Pustu ${kecamatan} ${Math.floor(n / KECAMATAN.length)}` : `Puskesmas ${kecamatan}`,
      alamat: `Jl. ${at(JALAN, n)} No. ${1 + (n % 250)}, ${kecamatan}`,
      kode_wilayah: at(desaCodes, n),
      jenis: !pustu && n % 3 === 0 ? 'rawat inap' : 'non rawat inap',
      koordinat: { lat: -7.55 + ((n * 37) % 550) / 1000, lon: 108.2 + ((n * 53) % 500) / 1000 },
      jumlah_tenaga_kesehatan: tenaga,
      jumlah_dokter: pustu ? 0 : 1 + (n % 5),
      telepon: `(0265) ${String(700000 + ((n * 7919) % 299999)).padStart(6, '0')}`,
      terakreditasi: at(AKREDITASI, n),
    };
  });
}
