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
];
const JALAN = ['Raya', 'Siliwangi', 'Merdeka', 'Pahlawan', 'Sudirman', 'Veteran', 'Galuh', 'Pasar'];
const AKREDITASI = ['dasar', 'madya', 'utama', 'paripurna', 'belum'];

/**
 * `count` valid dinkes.puskesmas records, deterministic, all with the same fields.
 * @param {number} count
 * @param {string[]} desaCodes Kemendagri desa codes of Ciamis (`wilayahCodes('desa')` filtered to 32.07.)
 */
export function puskesmasRecords(count, desaCodes) {
  return Array.from({ length: count }, (_, n) => {
    const kecamatan = KECAMATAN[n % KECAMATAN.length];
    const pustu = n >= KECAMATAN.length;
    const tenaga = pustu ? 2 + (n % 9) : 20 + (n % 60);
    return {
      kode_puskesmas: `P${String(3207000000 + n).padStart(10, '0')}`,
      nama: pustu ? `Pustu ${kecamatan} ${Math.floor(n / KECAMATAN.length)}` : `Puskesmas ${kecamatan}`,
      alamat: `Jl. ${JALAN[n % JALAN.length]} No. ${1 + (n % 250)}, ${kecamatan}`,
      kode_wilayah: desaCodes[n % desaCodes.length],
      jenis: !pustu && n % 3 === 0 ? 'rawat inap' : 'non rawat inap',
      koordinat: { lat: -7.55 + ((n * 37) % 550) / 1000, lon: 108.2 + ((n * 53) % 500) / 1000 },
      jumlah_tenaga_kesehatan: tenaga,
      jumlah_dokter: pustu ? 0 : 1 + (n % 5),
      telepon: `(0265) ${String(700000 + ((n * 7919) % 299999)).padStart(6, '0')}`,
      terakreditasi: AKREDITASI[n % AKREDITASI.length],
    };
  });
}
