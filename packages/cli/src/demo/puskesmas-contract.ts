// The data contract the demo walks through the SOP: dinkes.puskesmas 1.0.0, embedded so that the published
// CLI needs no checkout. It is examples/kontrak-kabupaten/contracts/dinkes.puskesmas.yaml character for
// character; packages/cli/test/demo-contract.test.ts fails when the two drift.

/** File name the demo writes the contract under (the validator and Pact read contracts from files). */
export const PUSKESMAS_CONTRACT_FILE = 'dinkes.puskesmas.yaml';

/**
 * The dinkes.puskesmas 1.0.0 data contract (YAML), as in examples/kontrak-kabupaten.
 *
 * @example
 * ```ts
 * await writeFile(join(dir, PUSKESMAS_CONTRACT_FILE), PUSKESMAS_CONTRACT_YAML);
 * ```
 */
export const PUSKESMAS_CONTRACT_YAML = `# yaml-language-server: $schema=../node_modules/@tukar/contracts/contract.schema.json
contract: dinkes.puskesmas
version: 1.0.0
status: agreed
title: Daftar Puskesmas Kabupaten Ciamis
description: >
  Pusat Kesehatan Masyarakat di Kabupaten Ciamis (kode wilayah 32.07) dengan lokasi, jenis
  pelayanan dan jumlah tenaga kesehatan. Sumber: SIMPUS Dinas Kesehatan.
  Health centres of Ciamis Regency with location, type of care and health workforce.
owner:
  opd: Dinas Kesehatan Kabupaten Ciamis
  unit: Bidang Sumber Daya Kesehatan
  contact: simpus@dinkes.ciamiskab.example.go.id
steward: Dinas Komunikasi dan Informatika Kabupaten Ciamis
classification: publik
compatibility: backward
updateFrequency: monthly
primaryKey: [kode_puskesmas]
tags: [kesehatan, fasilitas-kesehatan, satu-data]
schema:
  type: object
  additionalProperties: false
  required: [kode_puskesmas, nama, alamat, kode_wilayah, jenis, koordinat, jumlah_tenaga_kesehatan]
  properties:
    kode_puskesmas:
      type: string
      pattern: "^P[0-9]{10}$"
      description: Kode Puskesmas Kemenkes, P + 10 digit (P3207010101).
    nama:
      type: string
      minLength: 3
      maxLength: 120
    alamat:
      type: string
      maxLength: 250
    kode_wilayah:
      type: string
      format: kode-wilayah-desa
      description: Desa/kelurahan lokasi Puskesmas (Kemendagri, bertitik).
    jenis:
      type: string
      enum: [rawat inap, non rawat inap]
    koordinat:
      type: object
      additionalProperties: false
      required: [lat, lon]
      properties:
        lat:
          { type: number, minimum: -7.6, maximum: -6.95, description: Lintang (WGS84) dalam wilayah Ciamis. }
        lon:
          { type: number, minimum: 108.15, maximum: 108.75, description: Bujur (WGS84) dalam wilayah Ciamis. }
    jumlah_tenaga_kesehatan:
      type: integer
      minimum: 0
      maximum: 1000
    jumlah_dokter:
      type: integer
      minimum: 0
      maximum: 200
    telepon:
      type: string
      pattern: "^\\\\(0[0-9]{2,3}\\\\) [0-9]{5,8}$"
    terakreditasi:
      type: string
      enum: [dasar, madya, utama, paripurna, belum]
provider:
  path: /api/puskesmas
  records: data
  pagination: { next: links.next }
examples:
  - kode_puskesmas: P3207010101
    nama: Puskesmas Ciamis
    alamat: Jl. Dr. Soekardjo No. 4, Ciamis
    kode_wilayah: 32.07.01.1001
    jenis: rawat inap
    koordinat: { lat: -7.3275, lon: 108.3535 }
    jumlah_tenaga_kesehatan: 68
    jumlah_dokter: 5
    telepon: (0265) 771234
    terakreditasi: paripurna
  - kode_puskesmas: P3207090201
    nama: Puskesmas Kawali
    alamat: Jl. Siliwangi No. 12, Kawali
    kode_wilayah: 32.07.09.2001
    jenis: rawat inap
    koordinat: { lat: -7.1889, lon: 108.3733 }
    jumlah_tenaga_kesehatan: 54
    jumlah_dokter: 4
    terakreditasi: utama
  - kode_puskesmas: P3207080101
    nama: Puskesmas Panjalu
    alamat: Jl. Raya Panjalu No. 7, Panjalu
    kode_wilayah: 32.07.08.2001
    jenis: non rawat inap
    koordinat: { lat: -7.1306, lon: 108.2722 }
    jumlah_tenaga_kesehatan: 37
`;
