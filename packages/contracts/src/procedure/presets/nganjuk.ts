// The nganjuk preset: the seed SOP transcribed as a procedure file (YAML, comments kept for `tukar procedure init`).
export const NGANJUK = `# yaml-language-server: $schema=https://tukar.example.go.id/schemas/procedure.schema.json
# Kabupaten Nganjuk, SOP Integrasi dan Pertukaran Data Sistem Informasi (Diskominfo, 2024), transcribed
# from the seed. Twelve steps; OPD, Tim Teknis Data Center, Pejabat Pengawas, Kepala Bidang Aptika.
procedure: nganjuk
version: 1.0.0
kabupaten: Kabupaten Nganjuk
title:
  id: Integrasi dan Pertukaran Data Sistem Informasi
  en: Information-system data integration and exchange
sop:
  nomor: 800/254/411.312/2024
  tanggal: 29 Agustus 2024
  disahkanOleh: Kepala Dinas Kominfo Kabupaten Nganjuk selaku Walidata, Samet Basuki, A.P
  source: SOP Integrasi dan Pertukaran Data Sistem Informasi, Dinas Komunikasi dan Informatika Kabupaten Nganjuk
actors:
  opd:
    title: OPD
    role: opd-operator
  tim-teknis-data-center:
    title: Tim Teknis Data Center
    role: tim-teknis
  pejabat-pengawas:
    title: Pejabat Pengawas/Pranata Komputer Ahli Muda
    role: pengawas
  kepala-bidang-aptika:
    title: Kepala Bidang Aptika
    role: administrator
steps:
  - number: 1
    id: koordinasi-integrasi
    name:
      id: "melakukan koordinasi dengan pejabat Administrator untuk melakukan integrasi, untuk meminta instansi mendefinisikan data dan informasi apa yang akan diintegrasikan"
      en: "Coordinate with the head of division (pejabat administrator) to integrate; the agency is asked to define which data and information to integrate"
    actor: kepala-bidang-aptika
    kelengkapan: "Dokumen data dan Informasi Aplikasi"
    waktu: "1 hari"
    output:
      name: "Disposisi Integrasi Aplikasi"
      artefact: disposition
    next:
      - { when: done, to: 2 }
    note: "The OPD asks; the head of division answers with the disposition, which ends the step."
  - number: 2
    id: definisi-data
    name:
      id: "mendefinisikan data dan informasi yang dibutuhkan dalam bentuk dokumen tertulis disampaikan kepada tim teknis kominfo"
      en: "Define the needed data and information in a written document for Kominfo's technical team"
    actor: opd
    kelengkapan: "Dokumen Integrasi Aplikasi"
    waktu: "1 hari"
    output:
      name: "Dokumen Integrasi Aplikasi Struktur Database"
      artefact: contract-version
    next:
      - { when: done, to: 3 }
  - number: 3
    id: perumusan-skenario
    name:
      id: "melakukan perumusan mengenai skenario integrasi untuk memperoleh data yang disepakati untuk pertukaran melalui web service, jika sepakat maka dilakukan pertukaran data jika tidak maka akan dikembalikan kepada OPD terkait"
      en: "Formulate the integration scenario to agree on the data exchanged through the web service; if agreed the exchange goes ahead, if not it goes back to the OPD"
    actor: tim-teknis-data-center
    kelengkapan: "Dokumen Integrasi Aplikasi Struktur Database"
    waktu: "1 bulan"
    output:
      name: "Dokumen Integrasi Aplikasi Struktur Database"
      artefact: agreed-contract-version
    next:
      - { when: agree, to: 4, label: Sepakat }
      - { when: return, to: 2, label: Tidak }
  - number: 4
    id: dokumen-interchange
    name:
      id: "membentuk dokumen interchange data (pertukaran data menggunakan web service)"
      en: "Form the data interchange document (exchange through a web service)"
    actor: tim-teknis-data-center
    kelengkapan: "Dokumen Rumusan Integrasi Data"
    waktu: "1 bulan"
    output:
      name: "Dokumen Rumusan Integrasi Data"
      artefact: attachment
    next:
      - { when: done, to: 5 }
  - number: 5
    id: persiapan-api
    name:
      id: "mempersiapkan API. Aplikasi akan disimpan pada 1 server khusus yang akan menjadi pusat pertukaran data dan menjadi data referensi"
      en: "Prepare the API; it is kept on one dedicated server that becomes the exchange hub and the reference data"
    actor: tim-teknis-data-center
    kelengkapan: "Dokumen Rumusan Integrasi Data"
    waktu: "1 bulan"
    output:
      name: "Program Aplikasi API"
      artefact: dataset
    next:
      - { when: done, to: 6 }
  - number: 6
    id: penyimpanan-database
    name:
      id: "melakukan penyimpanan dalam satu database server"
      en: "Store the data in one database server"
    actor: tim-teknis-data-center
    kelengkapan: "Program Aplikasi API"
    waktu: "1-3 hari"
    output:
      name: "Unit Tes Integrasi Aplikasi"
      artefact: pact-results
    next:
      - { when: done, to: 7 }
  - number: 7
    id: penyampaian-hasil
    name:
      id: "menyampaikan hasil integrasi data pada OPD terkait"
      en: "Deliver the data integration results to the OPD"
    actor: tim-teknis-data-center
    kelengkapan: "Unit Tes Integrasi Aplikasi"
    waktu: "2 hari"
    output:
      name: "Unit Tes Integrasi Aplikasi"
      artefact: pact-results
    next:
      - { when: done, to: 8 }
  - number: 8
    id: cek-dan-pemutakhiran
    name:
      id: "melakukan proses cek dan updating pada sistem yang dimilikinya"
      en: "Check and update its own system"
    actor: opd
    kelengkapan: "Unit Tes Integrasi Aplikasi"
    waktu: "1-2 hari"
    output:
      name: "Validasi Aplikasi"
      artefact: receipt
    next:
      - { when: done, to: 9 }
  - number: 9
    id: laporan-validasi
    name:
      id: "mempersiapkan dan menyampaikan data-data hasil interchange sistem informasi"
      en: "Prepare and deliver the data resulting from the information-system interchange"
    actor: pejabat-pengawas
    kelengkapan: "Validasi Aplikasi dan Data"
    waktu: "1 hari"
    output:
      name: "Laporan HasilValidasi"
      artefact: validation-report
    next:
      - { when: done, to: 10 }
  - number: 10
    id: penyampaian-dokumen-hasil
    name:
      id: "menyampaikan dokumen hasil interchange data dan integrasi sistem"
      en: "Deliver the documents of the data interchange and the system integration"
    actor: kepala-bidang-aptika
    kelengkapan: "Laporan hasil validasi"
    waktu: "1 hari"
    output:
      name: "Integrasi Sistem Informasi"
      artefact: sign-off
    next:
      - { when: agree, to: 11, label: Ya }
      - { when: return, to: 9, label: Tidak }
    note: "The Pejabat Pengawas delivers the documents; the Kepala Bidang Aptika decides (the flowchart draws Tidak in its column, back to step 9, and Ya at step 12)."
  - number: 11
    id: tampilan-dasbor
    name:
      id: "menampilkan data integrasi dalam dashboard untuk keperluan OPD, jika sesuai maka sudah selesai dan terus dilakukan update, tetapi jika tidak maka akan kembali pada proses 3"
      en: "Show the integrated data on the dashboard for the OPD; if it is right the integration is done and kept up to date, if not it goes back to step 3"
    actor: kepala-bidang-aptika
    kelengkapan: "Integrasi Sistem Informasi"
    waktu: "1 - 3 hari"
    output:
      name: "Integrasi Sistem Informasi"
      artefact: sign-off
    next:
      - { when: agree, to: 12, label: Sesuai }
      - { when: return, to: 3, label: Tidak }
  - number: 12
    id: laporan-hasil-integrasi
    name:
      id: "Proses Selesai dengan pembuatan laporan hasil integrasi"
      en: "Done: write the integration results report"
    actor: kepala-bidang-aptika
    kelengkapan: "Integrasi Sistem Informasi"
    waktu: "3 hari"
    output:
      name: "Laporan hasil Integrasi Aplikasi"
      artefact: integration-report
    next:
      - { when: done, to: end }
`;
