import type { components } from '@tukar/spec';
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

type Step = Report['steps'][number];

/** Who did a step: the person's name when known, the client id and the procedure role. */
function doneByCell(s: Step): string {
  if (!s.doneBy) return '';
  const who = s.doneBy.name !== undefined ? `${escapeHtml(s.doneBy.name)} ` : '';
  return `${who}<code>${escapeHtml(s.doneBy.clientId)}</code> <span class="muted">(${escapeHtml(s.doneBy.procedureRole)})</span>`;
}

/** The step's output as the SOP names it, and what was given for it. */
function outputCell(s: Step): string {
  const named = s.outputName ? `${escapeHtml(s.outputName)}` : '';
  const given = s.output ? ` <code>${escapeHtml(JSON.stringify(s.output))}</code>` : '';
  return named + given;
}

/**
 * The *Laporan Hasil Integrasi* as an HTML section (no page frame): the integration, the steps of its
 * own procedure with actor, output, time limit, deadline, completion time and who did each, the Pact results and the validation reports. Every
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
      { id: 'Keluaran', en: 'Output' },
      { id: 'Waktu', en: 'Time limit' },
      { id: 'Tenggat', en: 'Due' },
      { id: 'Selesai', en: 'Completed' },
      { id: 'Oleh', en: 'Done by' },
    ],
    report.steps.map((s) => ({
      attributes: `data-step="${s.step}"`,
      cells: [
        String(s.step),
        s.nameEn !== undefined ? bilingual(s.name, s.nameEn) : escapeHtml(s.name),
        escapeHtml(s.actor),
        outputCell(s),
        s.waktu ? escapeHtml(s.waktu) : '—',
        s.deadline ? formatWib(s.deadline) : '—',
        s.completedAt
          ? formatWib(s.completedAt)
          : '<span class="muted">belum <span class="en">not yet</span></span>',
        doneByCell(s),
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
  const current = i.currentStep;
  const at = i.ended
    ? `${bilingual('Selesai', 'Ended')} <span class="muted">(${i.step})</span>`
    : current
      ? `${i.step}. ${bilingual(current.name, current.nameEn)} — ${escapeHtml(current.actor)}`
      : String(i.step);
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
  ['Langkah saat ini', 'Current step', at],
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
 * const html = renderIntegrationReportHtml(await buildIntegrationReport(core, row));
 */
export function renderIntegrationReportHtml(report: Report): string {
  return htmlPage(
    `Laporan Hasil Integrasi — ${report.integration.title}`,
    renderIntegrationReportSection(report, { headingLevel: 1 }),
  );
}
