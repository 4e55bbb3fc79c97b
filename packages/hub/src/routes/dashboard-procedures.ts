// The dashboard's integrations, one panel per procedure side by side, each with its own steps.
import { actorTitle, type Procedure } from '@tukar/contracts/procedure';
import type { Schemas } from '@tukar/spec';
import type { ProcedureRegistry } from '../procedure-registry';
import { bilingual, cardTable, escapeHtml, formatWib } from './html';

type Integration = Schemas['Integration'];

/** The anchor of an integration's report section on the dashboard. */
export const anchorOf = (integrationId: string) => `integrasi-${integrationId}`;

/** The deadline cell: ended, overdue (with the deadline) or the deadline. */
function deadlineHtml(i: Integration): string {
  if (i.ended) return '<span class="ok">selesai <span class="en">ended</span></span>';
  if (i.overdue && i.stepDeadline)
    return `<span class="bad" data-overdue>terlambat <span class="en">overdue</span></span> <span class="muted">(${formatWib(i.stepDeadline)})</span>`;
  return formatWib(i.stepDeadline);
}

/** The procedure's steps, each with how many of the integrations are at it now. */
function stepList(procedure: Procedure, integrations: readonly Integration[]): string {
  const items = procedure.steps.map((step) => {
    const here = integrations.filter((i) => !i.ended && i.step === step.number).length;
    return `<li value="${step.number}" data-step="${step.number}">${bilingual(step.name.id, step.name.en)} <span class="muted">— ${escapeHtml(actorTitle(procedure, step))}${step.waktu ? `, ${escapeHtml(step.waktu)}` : ''}</span>${here > 0 ? ` <strong class="num" data-at-step>${here}</strong>` : ''}</li>`;
  });
  return `<details class="steps" open><summary>${procedure.steps.length} langkah <span class="en">steps</span></summary><ol>${items.join('')}</ol></details>`;
}

function integrationTable(integrations: readonly Integration[]): string {
  return cardTable(
    [
      { id: 'Judul', en: 'Title' },
      { id: 'OPD' },
      { id: 'Langkah SOP', en: 'SOP step' },
      { id: 'Pelaksana', en: 'Actor' },
      { id: 'Batas waktu', en: 'Deadline' },
    ],
    integrations.map((i) => ({
      attributes: `data-integration="${escapeHtml(i.id)}" data-procedure="${escapeHtml(`${i.procedure.id}@${i.procedure.version}`)}" data-step="${i.step}"${i.overdue ? ' class="overdue"' : ''}`,
      cells: [
        `<a href="#${escapeHtml(anchorOf(i.id))}">${escapeHtml(i.title)}</a>`,
        escapeHtml(i.opd),
        i.currentStep
          ? `${i.step}. <span data-step-name>${bilingual(i.currentStep.name, i.currentStep.nameEn)}</span>`
          : String(i.step),
        i.currentStep ? escapeHtml(i.currentStep.actor) : '—',
        deadlineHtml(i),
      ],
    })),
  );
}

/**
 * The integrations grouped by the procedure version they follow, one panel each (side by side on a wide
 * screen): the kabupaten and its SOP's title, the procedure's own steps with how many integrations are at
 * each, then the integrations by step (overdue first within a step, then the newest).
 */
export function renderProcedurePanels(
  procedures: ProcedureRegistry,
  integrations: readonly Integration[],
): string {
  const groups = new Map<string, Integration[]>();
  for (const i of integrations) {
    const key = `${i.procedure.id}@${i.procedure.version}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  const panels = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, list]) => {
      const [id = '', version = ''] = key.split('@');
      const procedure = procedures.pinned(id, version);
      const sorted = [...list].sort(
        (a, b) =>
          a.step - b.step || Number(b.overdue) - Number(a.overdue) || b.createdAt.localeCompare(a.createdAt),
      );
      const heading = procedure
        ? `${escapeHtml(procedure.kabupaten)} <span class="muted">— ${bilingual(procedure.title.id, procedure.title.en)}</span>`
        : escapeHtml(id);
      return `<section class="procedure" data-procedure="${escapeHtml(key)}">
<h3>${heading} <code>${escapeHtml(id)} ${escapeHtml(version)}</code></h3>
${procedure ? stepList(procedure, list) : ''}
${integrationTable(sorted)}
</section>`;
    });
  return `<div class="procedures">${panels.join('\n')}</div>`;
}
