/** A puskesmas record as SIMPUS keeps it (the contract dinkes.puskesmas 1.0.0). */
export interface Puskesmas {
  kode_puskesmas: string;
  nama: string;
  alamat: string;
  kode_wilayah: string;
  jenis: 'rawat inap' | 'non rawat inap';
  koordinat: { lat: number; lon: number };
  jumlah_tenaga_kesehatan: number;
  jumlah_dokter?: number;
  telepon?: string;
  terakreditasi?: 'dasar' | 'madya' | 'utama' | 'paripurna' | 'belum';
}

/** The puskesmas of a few kecamatan of Kabupaten Ciamis (kode 32.07), as SIMPUS serves them. */
export const PUSKESMAS: readonly Puskesmas[] = [
  {
    kode_puskesmas: 'P3207010101',
    nama: 'Puskesmas Ciamis',
    alamat: 'Jl. Dr. Soekardjo No. 4, Ciamis',
    kode_wilayah: '32.07.01.1001',
    jenis: 'rawat inap',
    koordinat: { lat: -7.3275, lon: 108.3535 },
    jumlah_tenaga_kesehatan: 68,
    jumlah_dokter: 5,
    telepon: '(0265) 771234',
    terakreditasi: 'paripurna',
  },
  {
    kode_puskesmas: 'P3207010102',
    nama: 'Puskesmas Kertasari',
    alamat: 'Jl. Kertasari No. 10, Ciamis',
    kode_wilayah: '32.07.01.2008',
    jenis: 'non rawat inap',
    koordinat: { lat: -7.3301, lon: 108.3412 },
    jumlah_tenaga_kesehatan: 31,
    jumlah_dokter: 2,
  },
  {
    kode_puskesmas: 'P3207080101',
    nama: 'Puskesmas Panjalu',
    alamat: 'Jl. Raya Panjalu No. 7, Panjalu',
    kode_wilayah: '32.07.08.2001',
    jenis: 'non rawat inap',
    koordinat: { lat: -7.1306, lon: 108.2722 },
    jumlah_tenaga_kesehatan: 37,
  },
  {
    kode_puskesmas: 'P3207090201',
    nama: 'Puskesmas Kawali',
    alamat: 'Jl. Siliwangi No. 12, Kawali',
    kode_wilayah: '32.07.09.2001',
    jenis: 'rawat inap',
    koordinat: { lat: -7.1889, lon: 108.3733 },
    jumlah_tenaga_kesehatan: 54,
    jumlah_dokter: 4,
    terakreditasi: 'utama',
  },
  {
    kode_puskesmas: 'P3207090202',
    nama: 'Puskesmas Winduraja',
    alamat: 'Jl. Winduraja No. 3, Kawali',
    kode_wilayah: '32.07.09.2002',
    jenis: 'non rawat inap',
    koordinat: { lat: -7.2012, lon: 108.3698 },
    jumlah_tenaga_kesehatan: 22,
    terakreditasi: 'madya',
  },
];
