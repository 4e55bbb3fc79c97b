import { INTEGRATION_STEPS, type Schemas } from '@tukar/spec';
import type { HolidayCalendar } from '../calendar/holiday-calendar';
import { HubProblem } from '../hub-problem';
import type { Caller } from '../request-context';
import type { AttachmentRow, IntegrationRow, Store } from '../store';
import { stepDeadline } from '../working-days';

/** An attachment as the API shows it (no integration id, no content). */
export function toAttachment(row: AttachmentRow): Schemas['Attachment'] {
  const { integrationId: _integrationId, ...attachment } = row;
  return attachment;
}

/** The integration as the API shows it: with its step, deadline, overdue flag and attachments. */
export function toIntegration(
  row: IntegrationRow,
  attachments: AttachmentRow[],
  now: Date,
  calendar: HolidayCalendar,
): Schemas['Integration'] {
  const step = INTEGRATION_STEPS[row.state];
  const deadline = step.timeLimit ? stepDeadline(new Date(row.stateSince), step.timeLimit, calendar) : null;
  return {
    id: row.id,
    title: row.title,
    opd: row.opd,
    requester: row.requester,
    purpose: row.purpose,
    consumers: row.consumers,
    datasetId: row.datasetId,
    contractVersion: row.contractVersion,
    state: row.state,
    step: step.step,
    procedure: { id: row.procedureId, version: row.procedureVersion },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    stepDeadline: deadline?.toISOString() ?? null,
    overdue: deadline !== null && deadline.getTime() < now.getTime(),
    history: row.history,
    attachments: attachments.map(toAttachment),
  };
}

/** Whether a client may see an integration: admins all; others those they requested or consume. */
export function maySee(caller: Caller, row: IntegrationRow): boolean {
  return (
    caller.client.role === 'admin' ||
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
export async function integrationView(
  store: Store,
  row: IntegrationRow,
  now: Date,
  calendar: HolidayCalendar,
): Promise<Schemas['Integration']> {
  return toIntegration(row, await store.listAttachments(row.id), now, calendar);
}
