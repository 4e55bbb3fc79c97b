import {
  actorTitle,
  type Procedure,
  type ProcedureStep,
  procedureStep,
  stepRole,
} from '@tukar/contracts/procedure';
import type { Schemas } from '@tukar/spec';
import { HubProblem } from '../hub-problem';
import { procedureRoleOf } from '../procedure-role';
import type { Caller, HubCore } from '../request-context';
import type { AttachmentRow, IntegrationRow, Store } from '../store';
import { durationDeadline } from '../working-days';

/** What showing an integration needs of the hub: its store, procedures, calendar and clock. */
export type ViewCore = Pick<HubCore, 'store' | 'procedures' | 'calendar' | 'now'>;

/** An attachment as the API shows it (no integration id, no content). */
export function toAttachment(row: AttachmentRow): Schemas['Attachment'] {
  const { integrationId: _integrationId, ...attachment } = row;
  return attachment;
}

/** A step of a procedure as the API shows it (the integration's `currentStep`). */
export function toCurrentStep(procedure: Procedure, step: ProcedureStep): Schemas['CurrentStep'] {
  return {
    number: step.number,
    id: step.id,
    name: step.name.id,
    nameEn: step.name.en,
    actor: actorTitle(procedure, step),
    procedureRole: stepRole(procedure, step),
    output: step.output ? { name: step.output.name, artefact: step.output.artefact } : null,
    waktu: step.waktu,
    next: step.next.map((t) => ({
      when: t.when,
      to: t.to,
      ...(t.label !== undefined && { label: t.label }),
    })),
  };
}

/** The pinned procedure of `row` and its step `number`, when the hub loads them. */
export function pinnedStep(
  core: Pick<HubCore, 'procedures'>,
  row: IntegrationRow,
  number = row.step,
): { procedure: Procedure; step: ProcedureStep } | undefined {
  const procedure = core.procedures.pinned(row.procedureId, row.procedureVersion);
  const step = procedure && procedureStep(procedure, number);
  return procedure && step ? { procedure, step } : undefined;
}

/** The integration as the API shows it: with its current step, deadline, overdue flag and attachments. */
export function toIntegration(
  core: ViewCore,
  row: IntegrationRow,
  attachments: AttachmentRow[],
): Schemas['Integration'] {
  const pinned = pinnedStep(core, row);
  const limit = pinned?.step.timeLimit;
  const deadline =
    !row.ended && limit ? durationDeadline(new Date(row.stepSince), limit, core.calendar) : null;
  return {
    id: row.id,
    title: row.title,
    opd: row.opd,
    requester: row.requester,
    purpose: row.purpose,
    consumers: row.consumers,
    datasetId: row.datasetId,
    contractVersion: row.contractVersion,
    step: row.step,
    ended: row.ended,
    currentStep: pinned ? toCurrentStep(pinned.procedure, pinned.step) : null,
    procedure: { id: row.procedureId, version: row.procedureVersion },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    stepDeadline: deadline?.toISOString() ?? null,
    overdue: deadline !== null && deadline.getTime() < core.now().getTime(),
    history: row.history,
    attachments: attachments.map(toAttachment),
  };
}

/**
 * Whether a client may see an integration: admins and Diskominfo's staff (clients acting for a person in
 * a role other than opd-operator) all; others those they requested or consume.
 */
export function maySee(caller: Caller, row: IntegrationRow): boolean {
  return (
    caller.client.role === 'admin' ||
    procedureRoleOf(caller.client) !== 'opd-operator' ||
    row.requestedBy === caller.client.id ||
    row.consumers.includes(caller.client.id)
  );
}

/** The integration or 404 (also for one the caller may not see, so ids do not leak). */
export async function requireIntegration(store: Store, caller: Caller, id: string): Promise<IntegrationRow> {
  const row = await store.getIntegration(id);
  if (!row || !maySee(caller, row))
    throw new HubProblem(404, 'not_found', `Integration ${id} does not exist.`);
  return row;
}

/** The API view of one stored integration, read with its attachments; deadlines skip the calendar's days off. */
export async function integrationView(core: ViewCore, row: IntegrationRow): Promise<Schemas['Integration']> {
  return toIntegration(core, row, await core.store.listAttachments(row.id));
}
