// The sragen preset: the seed SOP transcribed as a procedure file (YAML, comments kept for `tukar procedure init`).
export const SRAGEN = `# yaml-language-server: $schema=https://tukar.example.go.id/schemas/procedure.schema.json
# Kabupaten Sragen, SOP Interoperabilitas Data (Diskominfo), transcribed from the scanned seed (OCR).
# Nine steps as Ciamis's, with Perangkat Daerah, Kepala Bidang INTIP and 14 hari where Ciamis has 1 bulan.
procedure: sragen
version: 1.0.0
kabupaten: Kabupaten Sragen
title:
  id: Interoperabilitas Data
  en: Data interoperability
sop:
  nomor: null
  tanggal: null
  disahkanOleh: Kepala Dinas Komunikasi dan Informatika Kabupaten Sragen
  source: SOP Interoperabilitas Data, Dinas Komunikasi dan Informatika Kabupaten Sragen, 2025 (scan; nomor and dates illegible)
actors:
  perangkat-daerah:
    title: Perangkat Daerah
    role: opd-operator
  tim-teknis-it:
    title: Tim Teknis IT
    role: tim-teknis
  kepala-bidang-intip:
    title: Kepala Bidang INTIP
    role: administrator
  system-administrator:
    title: System Administrator
    role: administrator
steps:
  - number: 1
    id: permohonan-integrasi
    name:
      id: "Melakukan permohonan kepada System Administrator untuk melakukan pengintegrasian atau pertukaran data"
      en: "Request the System Administrator to integrate or exchange data"
    actor: system-administrator
    kelengkapan: "Dokumen data dan inromasi aplikasi"
    waktu: "1 hari"
    output:
      name: "Disposisi Integrasi Aplikasi"
      artefact: disposition
    next:
      - { when: done, to: 2 }
    note: "The Perangkat Daerah files the request (1); the System Administrator answers it with the disposition (2), which ends the step."
  - number: 2
    id: penyerahan-dokumen
    name:
      id: "Menyerahkan data dan informasi yang dibutuhkan dalam bentuk dokumen tertulis disampaikan kepada tim teknis"
      en: "Hand the needed data and information to the technical team as a written document"
    actor: perangkat-daerah
    kelengkapan: "Disposisi Integrasi Aplikasi"
    waktu: "1 hari"
    output:
      name: "Dokumen Integrasi dan Struktur DB"
      artefact: contract-version
    next:
      - { when: done, to: 3 }
    note: "The flowchart draws this step's symbol in Tim Teknis IT's column, the receiver; the document is the Perangkat Daerah's, so the Perangkat Daerah hands it over."
  - number: 3
    id: evaluasi-integrasi
    name:
      id: "Melakukan evaluasi integrasi untuk memperoleh data yang disepakati untuk pertukaran melalui web service"
      en: "Evaluate the integration to agree on the data exchanged through the web service"
    actor: tim-teknis-it
    kelengkapan: "Dokumen Integrasi dan Struktur DB"
    waktu: "14 hari"
    output:
      name: "Dokumen Integrasi dan Struktur DB"
      artefact: agreed-contract-version
    next:
      - { when: agree, to: 4, label: Ya }
      - { when: return, to: 2, label: Tidak }
    note: "The flowchart draws Tidak at this step: the structure goes back to the Perangkat Daerah's hand-over (step 2)."
  - number: 4
    id: evaluasi-kebutuhan
    name:
      id: "Melakukan evaluasi terkait kebutuhan data dan informasi"
      en: "Evaluate the data and information needs"
    actor: tim-teknis-it
    kelengkapan: "Dokumen Kebutuhan Integrasi"
    waktu: "14 hari"
    output:
      name: "Pembuatan program API"
      artefact: dataset
    next:
      - { when: done, to: 5 }
  - number: 5
    id: persiapan-api
    name:
      id: "Mempersiapkan API untuk proses pertukaran data dalam 1 server dan menyimpannya"
      en: "Prepare the API for the data exchange on one server and store it"
    actor: tim-teknis-it
    kelengkapan: "Dokumen Kebutuhan Integrasi"
    waktu: "14 hari"
    output:
      name: "Account"
      artefact: client-account
    next:
      - { when: done, to: 6 }
  - number: 6
    id: laporan-hasil-integrasi
    name:
      id: "Menyerahkan laporan hasil integrasi data ke Perangkat Daerah dan melakukan arsip data"
      en: "Hand the data integration report to the Perangkat Daerah and archive the data"
    actor: tim-teknis-it
    kelengkapan: "Dokumen Hasil Integrasi Data"
    waktu: "1 hari"
    output:
      name: "Laporan hasil Integrasi Data"
      artefact: integration-report
    next:
      - { when: done, to: 7 }
  - number: 7
    id: pemutakhiran-sistem
    name:
      id: "Perangkat Daerah melakukan update pada sistem yang dimiliki"
      en: "The Perangkat Daerah updates its own system"
    actor: perangkat-daerah
    kelengkapan: "Dokumen Hasil Integrasi Data"
    waktu: "3 hari"
    output:
      name: "Hasil validasi sistem/integrasi data"
      artefact: validation-report
    next:
      - { when: done, to: 8 }
  - number: 8
    id: evaluasi-akhir
    name:
      id: "Perangkat Daerah melakukan evaluasi akhir, apakah data sudah sesuai atau belum. Jika sudah maka selesai, namun jika belum akan diteruskan ke Tim Teknis IT"
      en: "The Perangkat Daerah makes the final evaluation: is the data right? If so the procedure ends; if not it goes on to Tim Teknis IT"
    actor: perangkat-daerah
    kelengkapan: "Dokumen data dan informasi aplikasi"
    waktu: "1 hari"
    output:
      name: "Disposisi Integrasi Aplikasi"
      artefact: sign-off
    next:
      - { when: agree, to: end, label: Sudah }
      - { when: return, to: 9, label: Belum }
  - number: 9
    id: laporan-ke-administrator
    name:
      id: "Menyiapkan data melaporkan hasil integrasi data informasi ke Sistem Administrator dan diteruskan ke Kabid INTIP"
      en: "Prepare and report the integration results to the System Administrator, forwarded to the Kabid INTIP"
    actor: tim-teknis-it
    kelengkapan: null
    waktu: null
    output:
      name: "Laporan hasil integrasi data"
      artefact: integration-report
    next:
      - { when: done, to: end }
    note: "The seed leaves kelengkapan, waktu and output of this step blank; the output is the report the activity names (the flowchart draws a report). Tim Teknis IT acts, as step 8 forwards to it."
`;
