import type { Contract } from '../contract-schema';
import { type DictionaryRow, dataDictionaryRows } from './dictionary-rows';
import type { Words } from './rules-in-words';

const h = (value: unknown): string =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
const both = (w: Words): string => `${h(w.id)} <span class="en">/ ${h(w.en)}</span>`;

const STATUS: Record<string, Words> = {
  draft: { id: 'Draf', en: 'Draft' },
  agreed: { id: 'Disepakati', en: 'Agreed' },
  deprecated: { id: 'Usang', en: 'Deprecated' },
  retired: { id: 'Tidak berlaku', en: 'Retired' },
};
const CLASSIFICATION: Record<string, Words> = {
  publik: { id: 'Publik', en: 'Public' },
  terbatas: { id: 'Terbatas', en: 'Restricted' },
  rahasia: { id: 'Rahasia', en: 'Confidential' },
};
const COMPATIBILITY: Record<string, Words> = {
  backward: { id: 'mundur (versi baru membaca data lama)', en: 'backward' },
  forward: { id: 'maju (versi lama membaca data baru)', en: 'forward' },
  full: { id: 'penuh (maju dan mundur)', en: 'full' },
  none: { id: 'tanpa jaminan', en: 'none' },
};
const FREQUENCY: Record<string, Words> = {
  realtime: { id: 'seketika', en: 'real time' },
  daily: { id: 'harian', en: 'daily' },
  weekly: { id: 'mingguan', en: 'weekly' },
  monthly: { id: 'bulanan', en: 'monthly' },
  quarterly: { id: 'triwulanan', en: 'quarterly' },
  yearly: { id: 'tahunan', en: 'yearly' },
  adhoc: { id: 'sewaktu-waktu', en: 'ad hoc' },
};
const YES: Words = { id: 'Ya', en: 'Yes' };
const NO: Words = { id: 'Tidak', en: 'No' };

const STYLE = `
@page { size: A4 landscape; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.35 "Liberation Sans", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 280mm; padding: 8mm; }
header { text-align: center; border-bottom: 2px solid #111; padding-bottom: 6px; margin-bottom: 10px; }
.kop { font-size: 9pt; letter-spacing: .03em; text-transform: uppercase; }
h1 { font-size: 14pt; margin: 4px 0; }
h2 { font-size: 11pt; margin: 14px 0 6px; }
.en { color: #555; font-style: italic; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #888; padding: 3px 5px; vertical-align: top; text-align: left; }
thead th { background: #e8e8e8; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.ident th { width: 30%; background: #f4f4f4; }
.mono, td.field { font-family: "Liberation Mono", monospace; font-size: 9pt; }
td.field.depth-1 { padding-left: 16px; }
td.field.depth-2 { padding-left: 28px; }
.key { font-size: 8pt; border: 1px solid #111; padding: 0 2px; margin-left: 4px; }
.pii { color: #8a1c1c; font-weight: bold; }
.desc { display: block; font-family: "Liberation Sans", Arial, sans-serif; color: #333; }
.sign { display: flex; justify-content: space-between; gap: 16px; margin-top: 22px; break-inside: avoid; }
.sign > div { flex: 1; text-align: center; display: flex; flex-direction: column; }
.sign .line { height: 60px; border-bottom: 1px solid #111; margin: auto 12px 6px; }
footer { margin-top: 14px; font-size: 8pt; color: #555; }
`;

function row(r: DictionaryRow, n: number): string {
  return `<tr data-field="${h(r.field)}"><td class="num">${n}</td><td class="field depth-${Math.min(r.depth, 2)}">${h(r.field)}${r.key ? '<span class="key" title="kunci utama / primary key">PK</span>' : ''}${r.description ? `<span class="desc">${h(r.description)}</span>` : ''}</td><td>${both(r.type)}</td><td>${r.rules.id ? both(r.rules) : '—'}</td><td>${both(r.required ? YES : NO)}</td><td${r.pii ? ' class="pii"' : ''}>${both(r.pii ? YES : NO)}</td><td class="mono">${r.example === undefined ? '—' : h(r.example)}</td></tr>`;
}

/**
 * Options of {@link toDataDictionaryHtml}.
 *
 * @example
 * ```ts
 * import type { DataDictionaryOptions } from '@tukar/contracts';
 *
 * const options: DataDictionaryOptions = { place: 'Ciamis', date: '7 Desember 2026' };
 * ```
 */
export interface DataDictionaryOptions {
  /** Place written above the signatures, e.g. the kabupaten's seat. */
  readonly place?: string;
  /** Date written above the signatures. Default: blank, filled in by hand. */
  readonly date?: string;
}

/**
 * The data dictionary as one printable, self-contained HTML page — the *Dokumen Interchange Data /
 * Rumusan Integrasi Data* Diskominfo files at SOP steps 3–4: in Bahasa Indonesia with English alongside,
 * a header with contract id, version, status, owner, steward, classification and compatibility, one row
 * per field (type, rules in words, required, personal data, example — masked for `x-pii` fields) and a
 * signature block for the producing OPD, the walidata and the hub administrator. Prints to A4 landscape.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { loadContract, toDataDictionaryHtml } from '@tukar/contracts';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (loaded.ok) await writeFile('kamus-data-puskesmas.html', toDataDictionaryHtml(loaded.contract, { place: 'Ciamis' }));
 * ```
 */
export function toDataDictionaryHtml(contract: Contract, options: DataDictionaryOptions = {}): string {
  const rows = dataDictionaryRows(contract);
  const status = STATUS[contract.status] ?? { id: contract.status, en: contract.status };
  const classification = CLASSIFICATION[contract.classification] ?? {
    id: contract.classification,
    en: contract.classification,
  };
  const compatibility = COMPATIBILITY[contract.compatibility] ?? {
    id: contract.compatibility,
    en: contract.compatibility,
  };
  const frequency = FREQUENCY[contract.updateFrequency] ?? {
    id: contract.updateFrequency,
    en: contract.updateFrequency,
  };
  const owner = `${h(contract.owner.opd)}${contract.owner.unit ? ` — ${h(contract.owner.unit)}` : ''} (<span class="mono">${h(contract.owner.contact)}</span>)`;
  const provider = contract.provider
    ? `<tr><th>Layanan OPD <span class="en">/ OPD endpoint</span></th><td><span class="mono">${h(contract.provider.method)} ${h(contract.provider.path)}</span></td></tr>`
    : '';
  const dated = `${options.place ? `${h(options.place)}, ` : ''}${options.date ? h(options.date) : '____________________'}`;
  const signer = (role: Words, who: string) =>
    `<div><p>${both(role)}</p><p>${who ? h(who) : '&nbsp;'}</p><div class="line"></div><p>Nama <span class="en">/ Name</span>: ____________________</p><p>NIP: ____________________</p></div>`;
  return `<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kamus Data — ${h(contract.title)} (${h(contract.contract)} ${h(contract.version)})</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<div class="kop">Integrasi dan Pertukaran Data Sistem Informasi · ${h(contract.steward)}</div>
<h1>DOKUMEN INTERCHANGE DATA <span class="en">/ Data Interchange Document</span></h1>
<div>Rumusan Integrasi Data: ${h(contract.title)} <span class="en">/ Data integration specification</span></div>
</header>
<table class="ident"><tbody>
<tr><th>Kontrak data <span class="en">/ Data contract</span></th><td><span class="mono" data-id="contract">${h(contract.contract)}</span></td></tr>
<tr><th>Versi <span class="en">/ Version</span></th><td data-id="version">${h(contract.version)}</td></tr>
<tr><th>Status</th><td data-id="status">${both(status)}</td></tr>
<tr><th>Produsen data (OPD) <span class="en">/ Data producer</span></th><td data-id="owner">${owner}</td></tr>
<tr><th>Walidata <span class="en">/ Data steward</span></th><td data-id="steward">${h(contract.steward)}</td></tr>
<tr><th>Klasifikasi <span class="en">/ Classification</span></th><td data-id="classification">${both(classification)}</td></tr>
<tr><th>Kompatibilitas <span class="en">/ Compatibility</span></th><td data-id="compatibility">${both(compatibility)}</td></tr>
<tr><th>Pemutakhiran <span class="en">/ Update frequency</span></th><td>${both(frequency)}</td></tr>
<tr><th>Kunci utama <span class="en">/ Primary key</span></th><td class="mono">${h(contract.primaryKey.join(', '))}</td></tr>
${provider}
</tbody></table>
${contract.description ? `<p>${h(contract.description)}</p>` : ''}
<h2>Struktur data <span class="en">/ Data structure</span></h2>
<table class="fields"><thead><tr><th>No</th><th>Nama isian <span class="en">/ Field</span></th><th>Tipe <span class="en">/ Type</span></th><th>Aturan <span class="en">/ Rules</span></th><th>Wajib <span class="en">/ Required</span></th><th>Data pribadi <span class="en">/ Personal data</span></th><th>Contoh <span class="en">/ Example</span></th></tr></thead>
<tbody>
${rows.map((r, i) => row(r, i + 1)).join('\n')}
</tbody></table>
<p>Isian bertanda data pribadi (UU 27/2022) disamarkan pada contoh dan tidak pernah tampil utuh dalam laporan. <span class="en">/ Fields marked as personal data are masked in the examples and never shown whole in reports.</span></p>
<p class="dated">${dated}</p>
<div class="sign">
${signer({ id: 'Produsen data (OPD)', en: 'Data producer' }, contract.owner.opd)}
${signer({ id: 'Walidata', en: 'Data steward' }, contract.steward)}
${signer({ id: 'Administrator Sistem Penghubung Layanan', en: 'Exchange hub administrator' }, '')}
</div>
<footer>Dibuat dari kontrak data <span class="en">/ Made from data contract</span> ${h(contract.contract)} ${h(contract.version)} oleh / by @tukar/contracts</footer>
</body>
</html>
`;
}
