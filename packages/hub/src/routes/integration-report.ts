import { actorTitle, stepRole } from '@tukar/contracts/procedure';
import type { Schemas } from '@tukar/spec';
import type { IntegrationRow } from '../store';
import { durationDeadline } from '../working-days';
import { toContractVersion } from './contract-versions';
import { integrationView, toAttachment, type ViewCore } from './integration-view';
import { toReportSummary } from './validation-reports';

type Event = Schemas['IntegrationEvent'];

/** Who did the event's step, as the report shows it (the history keeps no NIP). */
function doneBy(event: Event): Schemas['StepActor'] {
  return {
    clientId: event.actor,
    procedureRole: event.procedureRole,
    ...(event.actorName !== undefined && { name: event.actorName }),
  };
}

/** When the integration last entered `step`: creation for the first step, else the last event leading to it. */
function enteredAt(row: IntegrationRow, step: number, first: number): string | undefined {
  const event = [...row.history].reverse().find((e) => e.to === step);
  return event?.at ?? (step === first ? row.createdAt : undefined);
}

/**
 * The integration report (*Laporan Hasil Integrasi*): every step of the integration's own procedure with
 * the kabupaten's step name, actor, output and time limit, when it was due and completed and who did it,
 * then the contract version, the Pact results and the validation reports of the integration.
 */
export async function buildIntegrationReport(
  core: ViewCore,
  row: IntegrationRow,
): Promise<Schemas['IntegrationReport']> {
  const { store } = core;
  const integration = await integrationView(core, row);
  const procedure = core.procedures.pinned(row.procedureId, row.procedureVersion);
  const numbers = procedure
    ? procedure.steps.map((s) => s.number)
    : [...new Set([...row.history.map((e) => e.step), row.step])].sort((a, b) => a - b);
  const steps = numbers.map((number): Schemas['IntegrationReportStep'] => {
    // The last event that completed this step (a returned-and-fixed round trip completes a step twice).
    const event = [...row.history].reverse().find((e) => e.step === number && e.when !== 'return');
    const step = procedure?.steps.find((s) => s.number === number);
    const entered = enteredAt(row, number, numbers[0] ?? 1);
    const deadline =
      step?.timeLimit && entered !== undefined
        ? durationDeadline(new Date(entered), step.timeLimit, core.calendar).toISOString()
        : null;
    return {
      step: number,
      name: step?.name.id ?? `Langkah ${number}`,
      ...(step && { nameEn: step.name.en }),
      actor: procedure && step ? actorTitle(procedure, step) : (event?.procedureRole ?? '-'),
      procedureRole:
        procedure && step ? stepRole(procedure, step) : (event?.procedureRole ?? 'administrator'),
      outputName: step?.output?.name ?? null,
      artefact: step?.output?.artefact ?? null,
      waktu: step?.waktu ?? null,
      deadline,
      completedAt: event?.at ?? null,
      doneBy: event ? doneBy(event) : null,
      ...(event?.output && { output: event.output }),
    };
  });
  const contract =
    row.datasetId !== null && row.contractVersion !== null
      ? await store.getContractVersion(row.datasetId, row.contractVersion)
      : undefined;
  const attachments = await store.listAttachments(row.id);
  const reports = await store.listValidationReports({ integrationId: row.id, limit: 100 });
  return {
    integration,
    steps,
    contract: contract ? toContractVersion(contract) : null,
    pactResults: attachments.filter((a) => a.kind === 'pact-results').map(toAttachment),
    validationReports: reports.map(toReportSummary),
    generatedAt: core.now().toISOString(),
  };
}
