import type { components } from '@tukar/spec';
import { escapeHtml, formatWib, htmlPage } from './html';

type Report = components['schemas']['IntegrationReport'];

/** The printable *Laporan Hasil Integrasi* (HTML, Bahasa Indonesia with English labels). */
export function renderIntegrationReportHtml(report: Report): string {
  const { integration: i } = report;
  const steps = report.steps
    .map(
      (s) =>
        `<tr><td>${s.step}</td><td>${escapeHtml(s.name)}</td><td>${escapeHtml(s.actor)}</td><td>${formatWib(s.completedAt)}</td><td><code>${escapeHtml(s.output ? JSON.stringify(s.output) : '')}</code></td></tr>`,
    )
    .join('\n');
  const validations = report.validationReports
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.id)}</td><td class="${r.verdict === 'valid' ? 'ok' : 'bad'}">${r.verdict === 'valid' ? 'Valid' : 'Tidak valid'}</td><td>${r.counts.records}</td><td>${r.counts.invalid}</td><td>${formatWib(r.finishedAt)}</td></tr>`,
    )
    .join('\n');
  const pacts = report.pactResults
    .map(
      (a) =>
        `<li>${escapeHtml(a.name)} <span class="muted">(${a.size} B, SHA-256 ${escapeHtml(a.sha256.slice(0, 12))}…)</span></li>`,
    )
    .join('');
  return htmlPage(
    `Laporan Hasil Integrasi — ${i.title}`,
    `<h1>Laporan Hasil Integrasi <span class="en">Integration report</span></h1>
<table>
<tr><th>Judul <span class="en">Title</span></th><td>${escapeHtml(i.title)}</td></tr>
<tr><th>Perangkat Daerah <span class="en">Agency</span></th><td>${escapeHtml(i.opd)}</td></tr>
<tr><th>Pemohon <span class="en">Requester</span></th><td>${escapeHtml(i.requester.name)}</td></tr>
<tr><th>Status <span class="en">State</span></th><td>${escapeHtml(i.state)} (langkah ${i.step})</td></tr>
<tr><th>Kontrak data <span class="en">Data contract</span></th><td>${report.contract ? `${escapeHtml(report.contract.id)} ${escapeHtml(report.contract.version)}` : '—'}</td></tr>
<tr><th>Dibuat <span class="en">Generated</span></th><td>${formatWib(report.generatedAt)}</td></tr>
</table>
<h2>Langkah SOP <span class="en">SOP steps</span></h2>
<div class="wrap"><table><tr><th>No</th><th>Langkah <span class="en">Step</span></th><th>Pelaksana <span class="en">Actor</span></th><th>Selesai <span class="en">Completed</span></th><th>Keluaran <span class="en">Output</span></th></tr>
${steps}</table></div>
<h2>Hasil uji Pact <span class="en">Pact results</span></h2>
${pacts ? `<ul>${pacts}</ul>` : '<p class="muted">Belum ada. <span class="en">None yet.</span></p>'}
<h2>Laporan validasi <span class="en">Validation reports</span></h2>
${validations ? `<table><tr><th>Id</th><th>Hasil <span class="en">Verdict</span></th><th>Rekaman <span class="en">Records</span></th><th>Tidak valid <span class="en">Invalid</span></th><th>Selesai <span class="en">Finished</span></th></tr>${validations}</table>` : '<p class="muted">Belum ada. <span class="en">None yet.</span></p>'}`,
  );
}
