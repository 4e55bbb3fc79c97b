import type { ValidationReport } from '../report';
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
 * Options of {@link renderMarkdown}.
 *
 * @example
 * ```ts
 * import { appendFile } from 'node:fs/promises';
 * import { type MarkdownOptions, renderMarkdown, validateFile } from '@tukar/validator';
 *
 * const report = await validateFile('contracts/dinkes.puskesmas.yaml', 'ekspor/puskesmas.ndjson');
 * // A CI job summary: 20 issues in detail are enough next to the rules table.
 * const options: MarkdownOptions = { maxIssues: 20 };
 * await appendFile(process.env.GITHUB_STEP_SUMMARY ?? 'ringkasan.md', renderMarkdown(report, options));
 * ```
 */
export interface MarkdownOptions {
  /** Issues listed in the detail table (default 100). */
  maxIssues?: number;
}

/** Text safe inside a Markdown table cell: pipes escaped, line breaks and HTML neutralised. */
function cell(text: string | number | undefined): string {
  if (text === undefined || text === '') return '—';
  return String(text)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** Text safe as inline code. */
function code(text: string): string {
  if (text === '') return '—';
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${fence}`;
}

/**
 * The report as GitHub-flavoured Markdown (for a pull-request comment or a CI summary): verdict, counts,
 * checks, rules with an example each, the first issues and the notes.
 *
 * @example
 * ```ts
 * await appendFile(process.env.GITHUB_STEP_SUMMARY!, renderMarkdown(report));
 * ```
 */
export function renderMarkdown(report: ValidationReport, options: MarkdownOptions = {}): string {
  const maxIssues = options.maxIssues ?? 100;
  const c = report.contract;
  const verdict = verdictLabel(report);
  const out: string[] = [];
  out.push(`# Laporan Hasil Validasi — ${cell(c.title)}`, '');
  out.push(
    `**${report.verdict === 'valid' ? '✅' : '❌'} ${verdict.id} / ${verdict.en}**${report.complete ? '' : ' — pemeriksaan tidak lengkap / incomplete run'}`,
    '',
  );
  out.push('| | |', '|---|---|');
  out.push(`| Kontrak / Contract | ${code(c.id)} ${cell(c.version)} (${cell(c.status)}) |`);
  out.push(`| Produsen data / Data producer | ${cell(c.opd)}${c.unit ? ` — ${cell(c.unit)}` : ''} |`);
  out.push(`| Walidata / Data steward | ${cell(c.steward)} |`);
  out.push(`| Sumber / Source | ${sourceLabel(report.source.kind).en}: ${code(report.source.location)} |`);
  out.push(`| Waktu / Time | ${cell(report.startedAt)} (${formatDuration(report.durationMs)}) |`);
  out.push('');
  out.push(
    '| Rekaman / Records | Sah / Valid | Tidak sah / Invalid | Masalah / Issues |',
    '|---:|---:|---:|---:|',
  );
  out.push(
    `| ${formatCount(report.counts.records)} | ${formatCount(report.counts.valid)} | ${formatCount(report.counts.invalid)} | ${formatCount(report.counts.issues)} |`,
    '',
  );
  out.push(
    '## Pemeriksaan / Checks',
    '',
    '| Pemeriksaan / Check | Hasil / Result | Masalah / Issues |',
    '|---|---|---:|',
  );
  for (const check of report.checks) {
    const label = CHECK_LABELS[check.id];
    const status = statusLabel(check.status);
    const mark = check.status === 'passed' ? '✅' : check.status === 'failed' ? '❌' : '➖';
    out.push(
      `| ${label.id} / ${label.en} | ${mark} ${status.id} / ${status.en} | ${formatCount(check.issues)} |`,
    );
  }
  out.push('');
  if (report.rules.length > 0) {
    out.push(
      '## Masalah per aturan / Issues by rule',
      '',
      '| Jumlah / Count | Aturan / Rule | Isian / Field | Contoh / Example |',
      '|---:|---|---|---|',
    );
    for (const rule of report.rules) {
      const label = ruleLabel(rule.code);
      const example = rule.examples[0];
      const where = example?.record !== undefined ? `#${example.record}: ` : '';
      out.push(
        `| ${formatCount(rule.count)} | ${cell(label.id)} / ${cell(label.en)} (${code(rule.code)}) | ${code(rule.path)} | ${example ? cell(`${where}${example.message}`) : '—'} |`,
      );
    }
    out.push('');
  }
  if (report.issues.length > 0) {
    const shown = report.issues.slice(0, maxIssues);
    out.push('## Rincian masalah / Issue details', '');
    if (report.counts.issues > shown.length) {
      out.push(
        `_${formatCount(shown.length)} dari ${formatCount(report.counts.issues)} masalah ditampilkan / ${formatCount(shown.length)} of ${formatCount(report.counts.issues)} issues shown._`,
        '',
      );
    }
    out.push(
      '| # | Kunci / Key | Isian / Field | Kode / Code | Pesan / Message | Halaman / Page |',
      '|---:|---|---|---|---|---:|',
    );
    for (const issue of shown) {
      out.push(
        `| ${cell(issue.record)} | ${cell(issue.key)} | ${code(issue.path)} | ${code(issue.code)} | ${cell(issue.message)} | ${cell(issue.page)} |`,
      );
    }
    out.push('');
  }
  if (report.http) {
    const h = report.http;
    out.push(
      '## HTTP',
      '',
      `${formatCount(h.requests)} requests (${formatCount(h.retries)} retries, ${formatCount(h.errors)} failed), ${formatCount(h.pages)} pages; p50 ${Math.round(h.p50Ms)} ms, p95 ${Math.round(h.p95Ms)} ms, max ${Math.round(h.maxMs)} ms; budget ${formatCount(h.latencyBudgetMs)} ms (${formatCount(h.overBudget)} over).`,
      '',
    );
  }
  if (report.notes.length > 0) {
    out.push('## Catatan / Notes', '');
    for (const note of report.notes) out.push(`- ${cell(note.id)} / ${cell(note.en)}`);
    out.push('');
  }
  out.push(
    `_${cell(report.uniqueness.note)} Data pribadi (x-pii) disamarkan / personal data masked. ${report.tool.name} ${report.tool.version}._`,
    '',
  );
  return out.join('\n');
}
