// The output a step of the procedure requires, checked by its artefact (`output.artefact` of the step).
import type { ProcedureStep } from '@tukar/contracts/procedure';
import type { Schemas } from '@tukar/spec';
import { checkReceipt } from '../evidence/check-receipt';
import { HubProblem } from '../hub-problem';
import { knownStore } from '../metadata-access';
import { stepActorOf } from '../procedure-role';
import type { Caller, RequestContext } from '../request-context';
import type { IntegrationRow } from '../store';

type Body = Schemas['IntegrationTransition'];

/** What a checked step output gives: the output recorded in the history and fields set on the integration. */
export interface StepOutput {
  output?: Record<string, unknown>;
  set?: Partial<IntegrationRow>;
}

function missing(step: ProcedureStep, what: string): HubProblem {
  const named = step.output ? `${step.output.name} (${step.output.artefact})` : 'its output';
  return new HubProblem(
    422,
    'step_output_missing',
    `Step ${step.number} (${step.id}) gives ${named} and needs ${what}.`,
  );
}

/** A field of the transition body the artefact requires (422 when absent). */
function given<T>(step: ProcedureStep, value: T | undefined, name: string): T {
  if (value === undefined) throw missing(step, `"${name}"`);
  return value;
}

async function contractVersionOutput(
  ctx: RequestContext,
  row: IntegrationRow,
  step: ProcedureStep,
  body: Body,
  agreed: boolean,
): Promise<StepOutput> {
  const contractId = body.datasetId ?? row.datasetId;
  if (contractId === null || contractId === undefined)
    throw missing(step, '"datasetId" (the contract id), as the request names no dataset');
  const wanted = given(step, body.contractVersion, 'contractVersion');
  const version = await knownStore(ctx).getContractVersion(contractId, wanted);
  if (!version) throw missing(step, `a stored version: contract ${contractId} has no version ${wanted}`);
  if (agreed && version.status !== 'agreed') {
    throw missing(
      step,
      `an agreed contract version: ${contractId} ${version.version} is ${version.status}; agree it first (POST /v1/contracts/${contractId}/versions/${version.version}/status)`,
    );
  }
  return {
    output: { contractId, contractVersion: version.version },
    set: { datasetId: contractId, contractVersion: version.version },
  };
}

async function attachmentOutput(
  ctx: RequestContext,
  row: IntegrationRow,
  step: ProcedureStep,
  body: Body,
  kind: string | undefined,
): Promise<StepOutput> {
  const id = given(step, body.attachmentId, 'attachmentId');
  const found = await ctx.core.store.getAttachment(row.id, id);
  if (!found) throw missing(step, `an attachment of this integration: ${id} is not one`);
  if (kind !== undefined && found.row.kind !== kind)
    throw missing(step, `an attachment of kind ${kind}: ${found.row.id} is ${found.row.kind}`);
  return { output: { attachmentId: found.row.id, kind: found.row.kind, name: found.row.name } };
}

/**
 * Checks the output `step` requires of a `done` or `agree` transition, by the step's artefact, and
 * returns it with the fields it sets on the integration; 422 `step_output_missing` names the step, its
 * output and what is missing. A `return` needs only its `reason`.
 */
export async function stepOutput(
  ctx: RequestContext,
  caller: Caller,
  row: IntegrationRow,
  step: ProcedureStep,
  body: Body,
): Promise<StepOutput> {
  if (body.when === 'return') return { output: { reason: given(step, body.reason, 'reason') } };
  const store = knownStore(ctx); // a hidden rahasia contract, dataset or unreadable report is a missing one
  switch (step.output?.artefact) {
    case undefined:
      return {};
    case 'disposition':
      return { output: { disposition: given(step, body.disposition, 'disposition') } };
    case 'contract-version':
      return contractVersionOutput(ctx, row, step, body, false);
    case 'agreed-contract-version':
      return contractVersionOutput(ctx, row, step, body, true);
    case 'dataset': {
      const datasetId = given(step, body.datasetId, 'datasetId');
      const dataset = await store.getDataset(datasetId);
      if (!dataset)
        throw missing(
          step,
          `an existing dataset: ${datasetId} does not exist (PUT /v1/datasets/${datasetId})`,
        );
      if (row.datasetId !== null && row.datasetId !== datasetId)
        throw missing(step, `the integration's dataset ${row.datasetId}, not ${datasetId}`);
      return { output: { datasetId, contractVersion: dataset.contractVersion }, set: { datasetId } };
    }
    case 'client-account': {
      const clientId = given(step, body.clientId, 'clientId');
      const client = await ctx.core.store.getClient(clientId);
      if (!client || client.disabled)
        throw missing(step, `an enabled client account: ${clientId} is not one (POST /v1/clients)`);
      return { output: { clientId } };
    }
    case 'pact-results':
      return attachmentOutput(ctx, row, step, body, 'pact-results');
    case 'attachment':
      return attachmentOutput(ctx, row, step, body, undefined);
    case 'receipt': {
      const receipt = given(step, body.receipt, 'receipt');
      const checked = await checkReceipt(ctx.core.store, receipt);
      if (!checked.ok) throw missing(step, `a receipt this hub signed: ${checked.reason}`);
      if (row.datasetId !== null && checked.claims.datasetId !== row.datasetId)
        throw missing(
          step,
          `a receipt of dataset ${row.datasetId}: this one is of ${checked.claims.datasetId}`,
        );
      const { datasetId, seqFrom, seqTo, at } = checked.claims;
      return { output: { receipt: { datasetId, seqFrom, seqTo, at } } };
    }
    case 'validation-report': {
      const report = await store.getValidationReport(given(step, body.reportId, 'reportId'));
      if (!report) throw missing(step, `a stored validation report: ${body.reportId} does not exist`);
      if (report.report.verdict !== 'valid') {
        throw missing(
          step,
          `a report whose verdict is valid: ${report.id} says "${report.report.verdict}" (${report.report.counts.invalid} invalid records); fix the system and validate again`,
        );
      }
      if (row.datasetId !== null && report.report.contractId !== row.datasetId)
        throw missing(
          step,
          `a report on contract ${row.datasetId}: ${report.id} is on ${report.report.contractId}`,
        );
      return { output: { reportId: report.id, verdict: report.report.verdict } };
    }
    case 'integration-report':
      return { output: { report: `/v1/integrations/${row.id}/report` } };
    case 'sign-off':
      return { output: { signedBy: stepActorOf(caller.client) } };
  }
}
