import { INTEGRATION_STEPS, type Schemas } from '@tukar/spec';
import type { HolidayCalendar } from '../calendar/holiday-calendar';
import type { IntegrationRow, Store } from '../store';
import { toContractVersion } from './contract-versions';
import { integrationView, toAttachment } from './integration-view';
import { toReportSummary } from './validation-reports';

type StepInfo = (typeof INTEGRATION_STEPS)[keyof typeof INTEGRATION_STEPS];

/** The SOP steps 1–12 with the state that represents each (step 3 is `under-evaluation`, not `returned`). */
function stepInfo(step: number): StepInfo {
  const found = Object.entries(INTEGRATION_STEPS).find(
    ([state, info]) => state !== 'returned' && info.step <= step && step <= info.lastStep,
  );
  return (found as [string, StepInfo])[1];
}

/**
 * The final integration report (*Laporan Hasil Integrasi*, SOP step 12): every step with its actor,
 * the time it was completed and its output, the contract version, the Pact results and the validation
 * reports of the integration.
 */
export async function buildIntegrationReport(
  store: Store,
  row: IntegrationRow,
  now: Date,
  calendar: HolidayCalendar,
): Promise<Schemas['IntegrationReport']> {
  const integration = await integrationView(store, row, now, calendar);
  const steps: Schemas['IntegrationReportStep'][] = [];
  for (let step = 1; step <= 12; step++) {
    const info = stepInfo(step);
    // The last event that completed this step (a returned-and-fixed round trip completes step 3 twice).
    const event = [...row.history].reverse().find((e) => {
      const from = INTEGRATION_STEPS[e.fromState];
      return from.step <= step && step <= from.lastStep && e.action !== 'return' && e.action !== 'reopen';
    });
    const completedAt =
      step === 12 && row.state === 'completed' ? (event?.at ?? row.updatedAt) : (event?.at ?? null);
    steps.push({
      step,
      name: info.name,
      actor: info.actorName,
      completedAt,
      ...(event?.output && { output: event.output }),
    });
  }
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
    generatedAt: now.toISOString(),
  };
}
