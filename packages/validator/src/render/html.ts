import { escapeHtml } from '@tukar/contracts/markup';
import type { RuleSummary, ValidationIssue, ValidationReport } from '../report';
import {
  CHECK_LABELS,
  formatCount,
  formatDuration,
  ruleLabel,
  sourceLabel,
  statusLabel,
  verdictLabel,
} from './labels';

/**
 * Options of {@link renderHtml}.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { type HtmlOptions, renderHtml, validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 * // A kabupaten in Papua prints its report in WIT, with a longer detail table.
 * const options: HtmlOptions = { timeZone: 'Asia/Jayapura', maxIssues: 500 };
 * await writeFile('laporan-hasil-validasi.html', renderHtml(report, options));
 * ```
 */
export interface HtmlOptions {
  /** Issues in the detail table (default 200; the rules above cover all). */
  maxIssues?: number;
  /** Time zone of the dates shown (default `Asia/Jakarta`, WIB). */
  timeZone?: string;
  /** The integration (`int_…`) the report belongs to, shown in its heading. */
  integrationId?: string;
  /**
   * The report's number, shown in its heading and on every printed page (default: `LHV-`, the contract
   * id and the start of the run, e.g. `LHV-dinkes.puskesmas-20250310-091500`).
   */
  reportId?: string;
}

const h = escapeHtml;

const ZONE_NAMES: Readonly<Record<string, string>> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** `10 Maret 2025 pukul 09.15 WIB` (`timeStyle: 'medium'` adds the seconds). */
function dateText(iso: string, timeZone: string, timeStyle: 'short' | 'medium' = 'short'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return h(iso);
  try {
    const text = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle, timeZone }).format(date);
    return h(`${text} ${ZONE_NAMES[timeZone] ?? `(${timeZone})`}`);
  } catch {
    return h(iso);
  }
}

/** `20250310-091500`: the start of the run in the report's time zone, for the report's number. */
function stamp(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'tanpa-tanggal';
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(date);
  } catch {
    return iso.replace(/\D/g, '').slice(0, 14);
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}${part('month')}${part('day')}-${part('hour')}${part('minute')}${part('second')}`;
}

/** The engine's English notes group digits the English way (`1,234`); the report writes `1.234`. */
const indonesianDigits = (text: string) => text.replace(/\d{1,3}(?:,\d{3})+/g, (n) => n.replaceAll(',', '.'));

/** A CSS string literal (for the printed page's margin boxes). */
const cssString = (text: string) =>
  `"${text.replace(/[\\"\n\r<]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;

const both = (id: string, en: string) => `${h(id)} <span class="en">/ ${h(en)}</span>`;

function issueRow(issue: ValidationIssue): string {
  return `<tr><td class="num" data-label="No. rekaman / Record">${issue.record === undefined ? '—' : h(formatCount(issue.record, 'id'))}</td><td class="mono" data-label="Kunci / Key">${h(issue.key ?? '—')}</td><td class="mono" data-label="Isian / Field">${h(issue.path || '—')}</td><td class="mono" data-label="Kode / Code">${h(issue.code)}</td><td data-label="Keterangan / Message">${h(issue.message)}${issue.url ? `<div class="url mono">${issue.page === undefined ? '' : `hal. / page ${h(formatCount(issue.page, 'id'))}: `}${h(issue.url)}</div>` : ''}</td></tr>`;
}

function ruleBlock(rule: RuleSummary, index: number): string {
  const label = ruleLabel(rule.code);
  const examples = rule.examples
    .map((issue) => {
      const where = [
        issue.record === undefined ? '' : `rekaman / record ${h(formatCount(issue.record, 'id'))}`,
        issue.key === undefined ? '' : `kunci / key <span class="mono">${h(issue.key)}</span>`,
        issue.page === undefined ? '' : `halaman / page ${h(formatCount(issue.page, 'id'))}`,
      ].filter(Boolean);
      return `<li>${where.length > 0 ? `<span class="where">${where.join(' · ')}</span> ` : ''}${h(issue.message)}</li>`;
    })
    .join('');
  return `<section class="rule">
  <h3><span class="rule-no">${index + 1}.</span> ${both(label.id, label.en)} <span class="count">${h(formatCount(rule.count, 'id'))}×</span></h3>
  <p class="rule-meta">Kode / code <span class="mono">${h(rule.code)}</span> · Isian / field <span class="mono">${h(rule.path || '—')}</span> · ${both(CHECK_LABELS[rule.check].id, CHECK_LABELS[rule.check].en)}</p>
  <ul class="examples">${examples}</ul>
</section>`;
}

const STYLE = (reportId: string) => `
*{box-sizing:border-box}
html{font-family:"Segoe UI",Roboto,"Noto Sans","Liberation Sans",Arial,sans-serif;font-size:14px;color:#1b1f24;background:#fff}
body{margin:0 auto;max-width:960px;padding:28px 32px 40px;line-height:1.45}
header{border-bottom:3px double #1b1f24;padding-bottom:12px;margin-bottom:18px;text-align:center}
header .kop{font-size:12px;letter-spacing:.06em;text-transform:uppercase;color:#444}
h1{font-size:22px;margin:6px 0 2px;letter-spacing:.04em}
h1 .en,h2 .en,h3 .en,th .en,.label .en{font-weight:400;color:#555;font-size:.85em}
h2{font-size:16px;margin:26px 0 8px;padding-bottom:4px;border-bottom:1px solid #c8ccd0}
h3{font-size:14px;margin:0 0 4px}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border:1px solid #c8ccd0;padding:5px 7px;vertical-align:top;text-align:left}
th{background:#f2f4f6;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.ident th{width:32%}
.mono{font-family:"DejaVu Sans Mono",Consolas,"Liberation Mono",monospace;font-size:.92em;overflow-wrap:anywhere}
.issues{table-layout:fixed}.issues col.c-rec{width:9%}.issues col.c-key{width:15%}.issues col.c-field{width:17%}.issues col.c-code{width:15%}
.verdict{margin:18px 0;padding:14px 18px;border:2px solid;border-radius:6px}
.verdict .big{font-size:24px;font-weight:700;letter-spacing:.03em}
.verdict.valid{border-color:#1a7f37;background:#eef9f0;color:#0f5323}
.verdict.invalid{border-color:#b42318;background:#fdf0ef;color:#7a1a12}
.verdict p{margin:6px 0 0;color:#1b1f24}
.counts{display:flex;gap:10px;margin:10px 0}
.counts div{flex:1;border:1px solid #c8ccd0;border-radius:6px;padding:8px 10px;text-align:center}
.counts .n{font-size:22px;font-weight:700;display:block;font-variant-numeric:tabular-nums}
.counts .label{font-size:12px}
.passed{color:#1a7f37;font-weight:600}.failed{color:#b42318;font-weight:600}.not-applicable{color:#666}
.rule{border:1px solid #c8ccd0;border-left:4px solid #b42318;border-radius:4px;padding:8px 12px;margin:8px 0;break-inside:avoid}
.rule .count{float:right;font-weight:700}
.rule-no{color:#666}
.rule-meta{margin:0 0 4px;font-size:12px;color:#444}
.examples{margin:4px 0 0;padding-left:18px}
.examples li{margin:2px 0}
.where{color:#555;font-size:12px}
.url{color:#555;font-size:11px;margin-top:2px}
.notes li{margin:4px 0}
.partial{padding:8px 12px;background:#fff8e1;border:1px solid #e0b400;border-radius:4px}
.sign{display:flex;gap:28px;margin-top:34px;break-inside:avoid}
.sign>div{flex:1}
.sign .line{border-bottom:1px solid #1b1f24;height:64px}
.sign p{margin:4px 0}
footer{margin-top:30px;font-size:11px;color:#555;border-top:1px solid #c8ccd0;padding-top:6px}
@media (max-width:600px){
body{padding:16px 12px 28px}
h1{font-size:18px}
.counts{flex-wrap:wrap}.counts div{flex:1 1 40%}
.sign{flex-direction:column;gap:8px}
.issues,.issues tbody,.issues tr,.issues td{display:block;width:auto}
.issues colgroup,.issues thead{display:none}
.issues tr{border:1px solid #c8ccd0;border-radius:4px;margin:8px 0;padding:4px 0}
.issues td{border:0;padding:2px 8px;text-align:left}
.issues td::before{content:attr(data-label);display:block;font-family:"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;font-size:11px;color:#555}
}
@page{size:A4;margin:16mm 14mm 18mm}
@media print{html{font-size:11px}body{padding:0;max-width:none;font-size:11px;line-height:1.3}header{padding-bottom:6px;margin-bottom:10px}h1{font-size:17px}h2{font-size:13px;margin:12px 0 4px}th,td{padding:2px 5px}.verdict{margin:8px 0;padding:6px 12px}.verdict .big{font-size:17px}.counts{margin:6px 0}.counts div{padding:3px 6px}.counts .n{font-size:15px}.counts .label{font-size:10px}.rule{padding:4px 10px;margin:5px 0}.rule-meta,.where{font-size:10px}.issues{font-size:10px}.url{font-size:9px}.sign{margin-top:16px}.sign .line{height:36px}footer{margin-top:14px;font-size:9px}.verdict,.rule,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}tr,li{break-inside:avoid}h2{break-after:avoid}}
@page{@bottom-left{content:${cssString(reportId)};font-size:9px;color:#555}@bottom-right{content:"Halaman " counter(page) " dari " counter(pages);font-size:9px;color:#555}}
`;

/**
 * The report as one self-contained HTML file: the *Laporan Hasil Validasi* (validation report) a kominfo
 * officer prints and signs. Headed with the contract, the OPD and the date; a verdict; counts; the checks;
 * the issues grouped by rule with examples; the first issues in detail; notes; a signature block. Bahasa
 * Indonesia with English labels, no external assets (no scripts, fonts or images), readable in print.
 *
 * @example
 * ```ts
 * await writeFile('laporan-validasi.html', renderHtml(report));
 * ```
 */
export function renderHtml(report: ValidationReport, options: HtmlOptions = {}): string {
  const maxIssues = options.maxIssues ?? 200;
  const timeZone = options.timeZone ?? 'Asia/Jakarta';
  const c = report.contract;
  const reportId = options.reportId ?? `LHV-${c.id}-${stamp(report.startedAt, timeZone)}`;
  const verdict = verdictLabel(report);
  const counts = report.counts;
  const source = sourceLabel(report.source.kind);
  const sentenceId =
    report.verdict === 'valid'
      ? `Seluruh ${formatCount(counts.records, 'id')} rekaman yang diperiksa sesuai dengan kontrak data ${c.id} versi ${c.version}.`
      : `Ditemukan ${formatCount(counts.issues, 'id')} masalah pada ${formatCount(counts.invalid, 'id')} dari ${formatCount(counts.records, 'id')} rekaman; data belum sesuai dengan kontrak data ${c.id} versi ${c.version} dan dikembalikan kepada OPD untuk diperbaiki.`;
  const sentenceEn =
    report.verdict === 'valid'
      ? `All ${formatCount(counts.records, 'id')} records checked match data contract ${c.id} version ${c.version}.`
      : `${formatCount(counts.issues, 'id')} issues in ${formatCount(counts.invalid, 'id')} of ${formatCount(counts.records, 'id')} records; the data does not yet match data contract ${c.id} version ${c.version} and goes back to the OPD.`;
  const incomplete = report.complete
    ? ''
    : `<p><strong>Pemeriksaan tidak lengkap / Incomplete run:</strong> ${h(report.stopReason?.message ?? (report.detailsPartial ? 'rincian masalah dibatasi / issue details were capped' : ''))}</p>`;
  const checks = report.checks
    .map((check) => {
      const label = CHECK_LABELS[check.id];
      const status = statusLabel(check.status);
      return `<tr><td>${both(label.id, label.en)}</td><td class="${check.status}">${both(status.id, status.en)}</td><td class="num">${h(formatCount(check.issues, 'id'))}</td></tr>`;
    })
    .join('\n');
  const rules =
    report.rules.length === 0
      ? '<p>Tidak ada masalah. <span class="en">/ No issues.</span></p>'
      : report.rules.map(ruleBlock).join('\n');
  const shown = report.issues.slice(0, maxIssues);
  const partial =
    counts.issues > shown.length
      ? `<p class="partial">Rincian tidak lengkap: ${h(formatCount(shown.length, 'id'))} dari ${h(formatCount(counts.issues, 'id'))} masalah ditampilkan; jumlah per aturan di atas mencakup semuanya. <span class="en">/ Details are partial: ${h(formatCount(shown.length, 'id'))} of ${h(formatCount(counts.issues, 'id'))} issues are shown; the counts by rule above cover all of them.</span></p>`
      : '';
  const details =
    shown.length === 0
      ? ''
      : `<h2>${both('Rincian masalah', 'Issue details')}</h2>
${partial}
<table class="issues"><colgroup><col class="c-rec"><col class="c-key"><col class="c-field"><col class="c-code"><col></colgroup><thead><tr><th class="num">No. rekaman <span class="en">/ Record</span></th><th>Kunci <span class="en">/ Key</span></th><th>Isian <span class="en">/ Field</span></th><th>Kode <span class="en">/ Code</span></th><th>Keterangan <span class="en">/ Message</span></th></tr></thead>
<tbody>
${shown.map(issueRow).join('\n')}
</tbody></table>`;
  const http = report.http
    ? `<h2>${both('Statistik HTTP', 'HTTP statistics')}</h2>
<table><tbody>
<tr><th>Permintaan <span class="en">/ Requests</span></th><td class="num">${h(formatCount(report.http.requests, 'id'))}</td><th>Halaman <span class="en">/ Pages</span></th><td class="num">${h(formatCount(report.http.pages, 'id'))}</td></tr>
<tr><th>Gagal <span class="en">/ Failed</span></th><td class="num">${h(formatCount(report.http.errors, 'id'))}</td><th>Diulang <span class="en">/ Retries</span></th><td class="num">${h(formatCount(report.http.retries, 'id'))}</td></tr>
<tr><th>Median (p50)</th><td class="num">${h(formatCount(Math.round(report.http.p50Ms), 'id'))} ms</td><th>p95</th><td class="num">${h(formatCount(Math.round(report.http.p95Ms), 'id'))} ms</td></tr>
<tr><th>Terlama <span class="en">/ Slowest</span></th><td class="num">${h(formatCount(Math.round(report.http.maxMs), 'id'))} ms</td><th>Anggaran <span class="en">/ Budget</span></th><td class="num">${h(formatCount(report.http.latencyBudgetMs, 'id'))} ms (${h(formatCount(report.http.overBudget, 'id'))} lewat / over)</td></tr>
</tbody></table>`
    : '';
  const notes = [
    ...report.notes.map(
      (note) =>
        `<li>${h(indonesianDigits(note.id))} <span class="en">/ ${h(indonesianDigits(note.en))}</span></li>`,
    ),
    `<li>${h(report.uniqueness.mode === 'exact' ? 'Keunikan kunci utama diperiksa secara pasti.' : 'Keunikan kunci utama: lihat catatan di atas.')} <span class="en">/ ${h(indonesianDigits(report.uniqueness.note))}</span></li>`,
    '<li>Data pribadi (isian x-pii seperti NIK dan nama orang) disamarkan dalam laporan ini. <span class="en">/ Personal data (x-pii fields such as NIK and names of persons) is masked in this report.</span></li>',
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${h(report.tool.name)} ${h(report.tool.version)}">
<title>Laporan Hasil Validasi — ${h(c.title)} (${h(c.id)} ${h(c.version)})</title>
<style>${STYLE(reportId)}</style>
</head>
<body>
<header>
<div class="kop">Integrasi dan Pertukaran Data Sistem Informasi · ${h(c.steward)}</div>
<h1>LAPORAN HASIL VALIDASI <span class="en">/ Validation Report</span></h1>
<div>${h(c.title)}</div>
</header>
<table class="ident"><tbody>
<tr><th>Nomor laporan <span class="en">/ Report no.</span></th><td class="mono" data-report-id>${h(reportId)}</td></tr>
<tr><th>Integrasi <span class="en">/ Integration</span></th><td class="mono" data-integration-id>${h(options.integrationId ?? '—')}</td></tr>
<tr><th>Kontrak data <span class="en">/ Data contract</span></th><td><span class="mono">${h(c.id)}</span> versi / version ${h(c.version)} (${h(c.status)}, ${h(c.classification)})</td></tr>
<tr><th>Produsen data (OPD) <span class="en">/ Data producer</span></th><td>${h(c.opd)}${c.unit ? ` — ${h(c.unit)}` : ''}</td></tr>
<tr><th>Walidata <span class="en">/ Data steward</span></th><td>${h(c.steward)}</td></tr>
<tr><th>Sumber data <span class="en">/ Source</span></th><td>${both(source.id, source.en)}: <span class="mono">${h(report.source.location)}</span>${report.source.format ? ` (${h(report.source.format)}${report.source.gzip ? ', gzip' : ''})` : ''}</td></tr>
<tr><th>Tanggal pemeriksaan <span class="en">/ Date of check</span></th><td>${dateText(report.startedAt, timeZone)} · ${h(formatDuration(report.durationMs, 'id'))}</td></tr>
</tbody></table>
<div class="verdict ${report.verdict}" role="status">
<div class="big">${h(verdict.id)} <span class="en">/ ${h(verdict.en)}</span></div>
<p>${h(sentenceId)}<br><span class="en">${h(sentenceEn)}</span></p>
${incomplete}
</div>
<div class="counts">
<div><span class="n" data-count="records">${h(formatCount(counts.records, 'id'))}</span><span class="label">Rekaman diperiksa <span class="en">/ Records checked</span></span></div>
<div><span class="n" data-count="valid">${h(formatCount(counts.valid, 'id'))}</span><span class="label">Sah <span class="en">/ Valid</span></span></div>
<div><span class="n" data-count="invalid">${h(formatCount(counts.invalid, 'id'))}</span><span class="label">Tidak sah <span class="en">/ Invalid</span></span></div>
<div><span class="n" data-count="issues">${h(formatCount(counts.issues, 'id'))}</span><span class="label">Masalah <span class="en">/ Issues</span></span></div>
</div>
<h2>${both('Hasil pemeriksaan', 'Checks')}</h2>
<table><thead><tr><th>Pemeriksaan <span class="en">/ Check</span></th><th>Hasil <span class="en">/ Result</span></th><th class="num">Masalah <span class="en">/ Issues</span></th></tr></thead>
<tbody>
${checks}
</tbody></table>
<h2>${both('Masalah per aturan', 'Issues by rule')}</h2>
${rules}
${details}
${http}
<h2>${both('Catatan', 'Notes')}</h2>
<ul class="notes">
${notes}
</ul>
<div class="sign">
<div><p>Diperiksa oleh <span class="en">/ Checked by</span></p><div class="line"></div><p>Nama <span class="en">/ Name</span>: ____________________</p><p>NIP: ____________________</p></div>
<div><p>Mengetahui, walidata <span class="en">/ Acknowledged, data steward</span></p><div class="line"></div><p>Nama <span class="en">/ Name</span>: ____________________</p><p>NIP: ____________________</p></div>
</div>
<footer>${h(reportId)} · dibuat oleh <span class="en">/ made by</span> ${h(report.tool.name)} ${h(report.tool.version)} · mulai / started ${dateText(report.startedAt, timeZone, 'medium')} · selesai / finished ${dateText(report.finishedAt, timeZone, 'medium')}</footer>
</body>
</html>
`;
}
