// The ciamis preset: the seed SOP transcribed as a procedure file (YAML, comments kept for `tukar procedure init`).
export const CIAMIS = `# yaml-language-server: $schema=https://tukar.example.go.id/schemas/procedure.schema.json
# Kabupaten Ciamis, SOP Interoperabilitas Data SIGODAM (Bidang Telematika dan Persandian, Diskominfo),
# transcribed from the seed. Nine steps; SKPD, Tim Teknis IT, Ka. Sie. Telematika, System Administrator.
procedure: ciamis
version: 1.0.0
kabupaten: Kabupaten Ciamis
title:
  id: Interoperabilitas Data SIGODAM
  en: SIGODAM data interoperability
sop:
  nomor: null
  tanggal: null
  disahkanOleh: Kepala Dinas Komunikasi dan Informatika Kabupaten Ciamis, Drs. H. Dondon Rudiana, M.Si
  source: SOP Interoperabilitas Data SIGODAM, Dinas Komunikasi dan Informatika Kabupaten Ciamis (nomor and dates blank in the SOP)
actors:
  skpd:
    title: SKPD
    role: opd-operator
  tim-teknis-it:
    title: Tim Teknis IT
    role: tim-teknis
  ka-sie-telematika:
    title: Ka. Sie. Telematika
    role: pengawas
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
    note: "The SKPD files the request (1); the System Administrator answers it with the disposition (2), which ends the step."
  - number: 2
    id: penyerahan-dokumen
    name:
      id: "Menyerahkan data dan informasi yang dibutuhkan dalam bentuk dokumen tertulis disampaikan kepada tim teknis"
      en: "Hand the needed data and information to the technical team as a written document"
    actor: skpd
    kelengkapan: "Disposisi Integrasi Aplikasi"
    waktu: "1 hari"
    output:
      name: "Dokumen Integrasi dan Struktur DB"
      artefact: contract-version
    next:
      - { when: done, to: 3 }
    note: "The flowchart draws this step's symbol in Tim Teknis IT's column, the receiver; the document is the SKPD's, so the SKPD hands it over."
  - number: 3
    id: evaluasi-integrasi
    name:
      id: "Melakukan evaluasi integrasi untuk memperoleh data yang disepakati untuk pertukaran melalui web service"
      en: "Evaluate the integration to agree on the data exchanged through the web service"
    actor: tim-teknis-it
    kelengkapan: "Dokumen Integrasi dan Struktur DB"
    waktu: "1 bulan"
    output:
      name: "Dokumen Integrasi dan Struktur DB"
      artefact: agreed-contract-version
    next:
      - { when: agree, to: 4, label: Ya }
      - { when: return, to: 2, label: Tidak }
    note: "The seed's text of this row lost its flowchart; Sragen's copy of the same SOP draws the Tidak branch, back to the step-2 hand-over."
  - number: 4
    id: evaluasi-kebutuhan
    name:
      id: "Melakukan evaluasi terkait kebutuhan data dan informasi"
      en: "Evaluate the data and information needs"
    actor: tim-teknis-it
    kelengkapan: "Dokumen Kebutuhan Integrasi"
    waktu: "1 bulan"
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
    waktu: "1 bulan"
    output:
      name: "Account"
      artefact: client-account
    next:
      - { when: done, to: 6 }
  - number: 6
    id: laporan-hasil-integrasi
    name:
      id: "Menyerahkan laporan hasil integrasi data ke SKPD dan melakukan arsip data"
      en: "Hand the data integration report to the SKPD and archive the data"
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
      id: "SKPD melakukan update pada sistem yang dimiliki"
      en: "The SKPD updates its own system"
    actor: skpd
    kelengkapan: "Dokumen Hasil Integrasi Data"
    waktu: "3 hari"
    output:
      name: "Hasil validasi sistem / integrasi data"
      artefact: validation-report
    next:
      - { when: done, to: 8 }
  - number: 8
    id: evaluasi-akhir
    name:
      id: "SKPD melakukan evaluasi akhir, apakah data sudah sesuai atau belum. Jika sudah maka selesai, namun jika belum akan diteruskan ke Tim Teknis IT"
      en: "The SKPD makes the final evaluation: is the data right? If so the procedure ends; if not it goes on to Tim Teknis IT"
    actor: skpd
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
      id: "Menyiapkan dan melaporkan hasil integrasi data informasi ke System Administrator dan diteruskan ke Ka. Sie. Telematika"
      en: "Prepare and report the integration results to the System Administrator, forwarded to the Ka. Sie. Telematika"
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
