import { type components, INTEGRATION_STEPS } from '@tukar/spec';
import { bilingual, cardTable, escapeHtml, formatWib, htmlPage } from './html';

type Report = components['schemas']['IntegrationReport'];

/** Where a report is shown: alone on its page (heading level 1) or as a section of the dashboard (3). */
export interface IntegrationReportSectionOptions {
  /** Level of the report's heading; its parts use the next level. */
  headingLevel: 1 | 2 | 3;
  /** The `id` of the section element (an anchor such as `integrasi-int_…`), escaped here. */
  id?: string;
}

const NONE = '<p class="muted">Belum ada. <span class="en">None yet.</span></p>';

/** The English name of SOP step `step` (1–12). */
function stepNameEn(step: number): string {
  return Object.values(INTEGRATION_STEPS).find((s) => s.step <= step && step <= s.lastStep)?.nameEn ?? '';
}

/**
 * The *Laporan Hasil Integrasi* as an HTML section (no page frame): the integration, its twelve SOP
 * steps with actor, completion time and output, the Pact results and the validation reports. Every
 * value is escaped.
 *
 * @example
 * const section = renderIntegrationReportSection(report, { headingLevel: 3, id: `integrasi-${report.integration.id}` });
 */
export function renderIntegrationReportSection(
  report: Report,
  options: IntegrationReportSectionOptions,
): string {
  const { integration: i } = report;
  const h = options.headingLevel;
  const sub = h + 1;
  const steps = cardTable(
    [
      { id: 'No' },
      { id: 'Langkah', en: 'Step' },
      { id: 'Pelaksana', en: 'Actor' },
      { id: 'Selesai', en: 'Completed' },
      { id: 'Keluaran', en: 'Output' },
    ],
    report.steps.map((s) => ({
      attributes: `data-step="${s.step}"`,
      cells: [
        String(s.step),
        bilingual(s.name, stepNameEn(s.step)),
        escapeHtml(s.actor),
        s.completedAt
          ? formatWib(s.completedAt)
          : '<span class="muted">belum <span class="en">not yet</span></span>',
        s.output ? `<code>${escapeHtml(JSON.stringify(s.output))}</code>` : '',
      ],
    })),
  );
  const validations = cardTable(
    [
      { id: 'Id' },
      { id: 'Hasil', en: 'Verdict' },
      { id: 'Rekaman', en: 'Records' },
      { id: 'Tidak valid', en: 'Invalid' },
      { id: 'Selesai', en: 'Finished' },
    ],
    report.validationReports.map((r) => ({
      cells: [
        `<code>${escapeHtml(r.id)}</code>`,
        r.verdict === 'valid'
          ? '<span class="ok">Valid</span>'
          : '<span class="bad">Tidak valid <span class="en">Invalid</span></span>',
        `<span class="num">${r.counts.records}</span>`,
        `<span class="num">${r.counts.invalid}</span>`,
        formatWib(r.finishedAt),
      ],
    })),
  );
  const pacts = report.pactResults
    .map(
      (a) =>
        `<li>${escapeHtml(a.name)} <span class="muted">(${a.size} B, SHA-256 <code>${escapeHtml(a.sha256.slice(0, 12))}…</code>, ${formatWib(a.createdAt)})</span></li>`,
    )
    .join('');
  const state = INTEGRATION_STEPS[i.state];
  return `<section class="report"${options.id ? ` id="${escapeHtml(options.id)}"` : ''}>
<h${h}>Laporan Hasil Integrasi <span class="en">Integration report</span>${h > 1 ? ` — ${escapeHtml(i.title)}` : ''}</h${h}>
<table class="facts">
${[
  ['Judul', 'Title', escapeHtml(i.title)],
  ['Perangkat Daerah', 'Agency', escapeHtml(i.opd)],
  ['Pemohon', 'Requester', escapeHtml(i.requester.name)],
  ['Tujuan', 'Purpose', escapeHtml(i.purpose)],
  [
    'Prosedur (SOP)',
    'Procedure',
    `<code>${escapeHtml(i.procedure.id)}</code> ${escapeHtml(i.procedure.version)}`,
  ],
  [
    'Status',
    'State',
    `${i.step}. ${bilingual(state.name, state.nameEn)} <code>${escapeHtml(i.state)}</code>`,
  ],
  [
    'Kontrak data',
    'Data contract',
    report.contract ? `${escapeHtml(report.contract.id)} ${escapeHtml(report.contract.version)}` : '—',
  ],
  ['Dibuat', 'Generated', formatWib(report.generatedAt)],
]
  .map(([id, en, value]) => `<tr><th scope="row">${bilingual(id as string, en)}</th><td>${value}</td></tr>`)
  .join('\n')}
</table>
<h${sub}>Langkah SOP <span class="en">SOP steps</span></h${sub}>
${steps}
<h${sub}>Hasil uji Pact <span class="en">Pact results</span></h${sub}>
${pacts ? `<ul>${pacts}</ul>` : NONE}
<h${sub}>Laporan validasi <span class="en">Validation reports</span></h${sub}>
${report.validationReports.length > 0 ? validations : NONE}
</section>`;
}

/**
 * The printable *Laporan Hasil Integrasi* (a whole HTML page, Bahasa Indonesia with English labels).
 *
 * @example
 * const html = renderIntegrationReportHtml(await buildIntegrationReport(store, row, new Date(), NO_HOLIDAYS));
 */
export function renderIntegrationReportHtml(report: Report): string {
  return htmlPage(
    `Laporan Hasil Integrasi — ${report.integration.title}`,
    renderIntegrationReportSection(report, { headingLevel: 1 }),
  );
}
