import { HUB_LIMITS, INTEGRATION_STEPS, INTEGRATION_TRANSITIONS, type Schemas } from '@tukar/spec';
import { decodeBase64, newId, sha256Hex } from '../crypto-helpers';
import { HubProblem } from '../hub-problem';
import { knownStore } from '../metadata-access';
import { decodeCursor, encodeCursor, isBeforeCursor } from '../page-cursor';
import { type Caller, callerOf, json, type RequestContext, type RouteTable } from '../request-context';
import type { AttachmentRow, IntegrationRow } from '../store';
import { buildIntegrationReport } from './integration-report';
import { renderIntegrationReportHtml } from './integration-report-html';
import { integrationView, maySee, requireIntegration, toAttachment } from './integration-view';

type Action = Schemas['IntegrationAction'];

const MEDIA_TYPE =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(\s*;\s*[A-Za-z0-9_-]+=[A-Za-z0-9_.-]+)*$/;
const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** Whether the caller may act while the integration is in its state: OPD steps by the requester, the rest by an admin. */
function requireActor(caller: Caller, row: IntegrationRow, action: Action): void {
  if (caller.client.role === 'admin') return;
  const step = INTEGRATION_STEPS[row.state];
  if (step.actor === 'opd' && row.requestedBy === caller.client.id) return;
  throw new HubProblem(
    403,
    'forbidden',
    `"${action}" in state ${row.state} (SOP step ${step.step}) is done by ${step.actorName}; client ${caller.client.id} may not do it.`,
  );
}

function missing(action: Action, what: string): HubProblem {
  return new HubProblem(
    422,
    'step_output_missing',
    `"${action}" needs ${what} (${INTEGRATION_TRANSITIONS[action].output})`,
  );
}

/** A field of the transition body the action requires (its rule names it; 422 when absent). */
function given<T>(action: Action, value: T | undefined, name: string): T {
  if (value === undefined) throw missing(action, `"${name}"`);
  return value;
}

/** Checks the step output an action requires and returns it with the fields it sets on the integration. */
async function stepOutput(
  ctx: RequestContext,
  row: IntegrationRow,
  body: Schemas['IntegrationTransition'],
): Promise<{ output?: Record<string, unknown>; set?: Partial<IntegrationRow> }> {
  const { action } = body;
  const store = knownStore(ctx); // a hidden rahasia contract, dataset or unreadable report is a missing one
  const rule = INTEGRATION_TRANSITIONS[action];
  if (rule.requires !== null && body[rule.requires] === undefined)
    throw missing(action, `"${rule.requires}"`);
  switch (action) {
    case 'dispose':
      return { output: { disposition: body.disposition } };
    case 'return':
    case 'reopen':
      return { output: { reason: body.reason } };
    case 'submit-structure':
    case 'agree': {
      const contractId = body.datasetId ?? row.datasetId;
      if (contractId === null || contractId === undefined)
        throw missing(action, '"datasetId" (the contract id), as the request names no dataset');
      const version = await store.getContractVersion(
        contractId,
        given(action, body.contractVersion, 'contractVersion'),
      );
      if (!version)
        throw missing(
          action,
          `a stored version: contract ${contractId} has no version ${body.contractVersion}`,
        );
      if (action === 'agree' && version.status !== 'agreed') {
        throw missing(
          action,
          `an agreed contract version: ${contractId} ${version.version} is ${version.status}; agree it first (POST /v1/contracts/${contractId}/versions/${version.version}/status)`,
        );
      }
      return {
        output: { contractId, contractVersion: version.version },
        set: { datasetId: contractId, contractVersion: version.version },
      };
    }
    case 'prepare-api': {
      const datasetId = given(action, body.datasetId, 'datasetId');
      const dataset = await store.getDataset(datasetId);
      if (!dataset)
        throw missing(
          action,
          `an existing dataset: ${datasetId} does not exist (PUT /v1/datasets/${datasetId})`,
        );
      if (row.datasetId !== null && row.datasetId !== datasetId)
        throw missing(action, `the integration's dataset ${row.datasetId}, not ${datasetId}`);
      return { output: { datasetId, contractVersion: dataset.contractVersion }, set: { datasetId } };
    }
    case 'record-tests': {
      const found = await store.getAttachment(row.id, given(action, body.attachmentId, 'attachmentId'));
      if (!found) throw missing(action, `an attachment of this integration: ${body.attachmentId} is not one`);
      if (found.row.kind !== 'pact-results')
        throw missing(action, `an attachment of kind pact-results: ${found.row.id} is ${found.row.kind}`);
      return { output: { attachmentId: found.row.id, name: found.row.name } };
    }
    case 'validate': {
      const report = await store.getValidationReport(given(action, body.reportId, 'reportId'));
      if (!report) throw missing(action, `a stored validation report: ${body.reportId} does not exist`);
      if (report.report.verdict !== 'valid') {
        throw missing(
          action,
          `a report whose verdict is valid: ${report.id} says "${report.report.verdict}" (${report.report.counts.invalid} invalid records); fix the system and validate again`,
        );
      }
      if (row.datasetId !== null && report.report.contractId !== row.datasetId) {
        throw missing(
          action,
          `a report on contract ${row.datasetId}: ${report.id} is on ${report.report.contractId}`,
        );
      }
      return { output: { reportId: report.id, verdict: report.report.verdict } };
    }
    default:
      return {};
  }
}

export const integrationRoutes = {
  async listIntegrations(ctx) {
    const caller = callerOf(ctx);
    const limit = ctx.query.limit ?? HUB_LIMITS.defaultPageSize;
    const cursor = decodeCursor(ctx.query.cursor, isBeforeCursor);
    const filter = {
      state: ctx.query.state,
      opd: ctx.query.opd,
    };
    const visible: IntegrationRow[] = [];
    let before = cursor && { at: cursor.a, id: cursor.i };
    // Non-admins see a subset: read pages until one page of visible items (or the end).
    for (;;) {
      const rows = await ctx.core.store.listIntegrations({ ...filter, before, limit: limit + 1 });
      for (const row of rows) if (maySee(caller, row)) visible.push(row);
      const last = rows.at(-1);
      if (visible.length > limit || rows.length <= limit || !last) break;
      before = { at: last.createdAt, id: last.id };
    }
    const page = visible.slice(0, limit);
    const last = page.at(-1);
    const items = await Promise.all(
      page.map((row) => integrationView(ctx.core.store, row, ctx.core.now(), ctx.core.calendar)),
    );
    return json(ctx, 200, {
      items,
      nextCursor: visible.length > limit && last ? encodeCursor({ a: last.createdAt, i: last.id }) : null,
    });
  },

  async createIntegration(ctx) {
    const caller = callerOf(ctx);
    const input = ctx.body;
    const procedure = ctx.core.procedures.forNew(input.procedure);
    const row: IntegrationRow = {
      id: newId('int'),
      revision: 1,
      state: 'requested',
      opd: input.opd,
      requestedBy: caller.client.id,
      createdAt: ctx.at,
      updatedAt: ctx.at,
      stateSince: ctx.at,
      title: input.title,
      requester: input.requester,
      purpose: input.purpose,
      consumers: input.consumers ?? [],
      datasetId: input.datasetId ?? null,
      contractVersion: null,
      procedureId: procedure.procedure,
      procedureVersion: procedure.version,
      history: [],
    };
    if (!(await ctx.core.store.createIntegration(row))) throw new Error(`Integration id ${row.id} collided.`);
    return json(ctx, 201, await integrationView(ctx.core.store, row, ctx.core.now(), ctx.core.calendar), {
      location: `/v1/integrations/${row.id}`,
    });
  },

  async getIntegration(ctx) {
    const row = await requireIntegration(ctx.core.store, callerOf(ctx), ctx.path.integrationId);
    return json(ctx, 200, await integrationView(ctx.core.store, row, ctx.core.now(), ctx.core.calendar));
  },

  async transitionIntegration(ctx) {
    const caller = callerOf(ctx);
    const body = ctx.body;
    const row = await requireIntegration(ctx.core.store, caller, ctx.path.integrationId);
    const rule = INTEGRATION_TRANSITIONS[body.action];
    if (!(rule.from as readonly string[]).includes(row.state)) {
      const allowed = Object.entries(INTEGRATION_TRANSITIONS)
        .filter(([, r]) => (r.from as readonly string[]).includes(row.state))
        .map(([action]) => action);
      throw new HubProblem(
        409,
        'invalid_transition',
        `Integration ${row.id} is ${row.state} (SOP step ${INTEGRATION_STEPS[row.state].step}); "${body.action}" is not allowed there. Allowed: ${allowed.length ? allowed.join(', ') : 'none (completed)'}.`,
      );
    }
    requireActor(caller, row, body.action);
    const { output, set } = await stepOutput(ctx, row, body);
    const next: IntegrationRow = {
      ...row,
      ...set,
      revision: row.revision + 1,
      state: rule.to,
      updatedAt: ctx.at,
      stateSince: ctx.at,
      history: [
        ...row.history,
        {
          at: ctx.at,
          action: body.action,
          fromState: row.state,
          toState: rule.to,
          step: INTEGRATION_STEPS[row.state].step,
          actor: caller.client.id,
          ...(body.note !== undefined && { note: body.note }),
          ...(output !== undefined && { output }),
        },
      ],
    };
    if (!(await ctx.core.store.updateIntegration(next))) {
      throw new HubProblem(
        409,
        'conflict',
        `Integration ${row.id} was changed by another request meanwhile; read it and try again.`,
      );
    }
    return json(ctx, 200, await integrationView(ctx.core.store, next, ctx.core.now(), ctx.core.calendar));
  },

  async listAttachments(ctx) {
    const row = await requireIntegration(ctx.core.store, callerOf(ctx), ctx.path.integrationId);
    return json(ctx, 200, { items: (await ctx.core.store.listAttachments(row.id)).map(toAttachment) });
  },

  async addAttachment(ctx) {
    const caller = callerOf(ctx);
    const row = await requireIntegration(ctx.core.store, caller, ctx.path.integrationId);
    if (caller.client.role !== 'admin' && row.requestedBy !== caller.client.id) {
      throw new HubProblem(
        403,
        'forbidden',
        `Only the administrator and the requester (${row.requestedBy}) attach documents to ${row.id}.`,
      );
    }
    const input = ctx.body;
    if (!MEDIA_TYPE.test(input.mediaType)) {
      throw new HubProblem(
        400,
        'bad_request',
        `mediaType "${input.mediaType.slice(0, 80)}" is not a media type such as application/json.`,
      );
    }
    const content =
      input.encoding === 'base64' ? decodeBase64(input.content) : new TextEncoder().encode(input.content);
    if (!content)
      throw new HubProblem(400, 'bad_request', 'content is not valid base64 although encoding is "base64".');
    if (content.byteLength > MAX_ATTACHMENT_BYTES) {
      throw new HubProblem(
        413,
        'payload_too_large',
        `The attachment is ${content.byteLength} bytes; the limit is ${MAX_ATTACHMENT_BYTES} (5 MiB).`,
      );
    }
    const attachment: AttachmentRow = {
      id: newId('att'),
      integrationId: row.id,
      kind: input.kind,
      name: input.name,
      mediaType: input.mediaType,
      size: content.byteLength,
      sha256: await sha256Hex(content),
      createdAt: ctx.at,
      createdBy: caller.client.id,
    };
    if (!(await ctx.core.store.createAttachment(attachment, content)))
      throw new Error(`Attachment id ${attachment.id} collided.`);
    return json(ctx, 201, toAttachment(attachment), {
      location: `/v1/integrations/${row.id}/attachments/${attachment.id}`,
    });
  },

  async getAttachment(ctx) {
    const { integrationId, attachmentId } = ctx.path;
    const row = await requireIntegration(ctx.core.store, callerOf(ctx), integrationId);
    const found = await ctx.core.store.getAttachment(row.id, attachmentId);
    if (!found)
      throw new HubProblem(404, 'not_found', `Integration ${row.id} has no attachment ${attachmentId}.`);
    const asciiName = found.row.name.replace(/[^A-Za-z0-9._-]/g, '_');
    return new Response(found.content as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        'content-type': found.row.mediaType,
        'content-disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(found.row.name)}`,
        'x-content-type-options': 'nosniff',
      },
    });
  },

  async getIntegrationReport(ctx) {
    const row = await requireIntegration(ctx.core.store, callerOf(ctx), ctx.path.integrationId);
    const report = await buildIntegrationReport(ctx.core.store, row, ctx.core.now(), ctx.core.calendar);
    const accept = ctx.request.headers.get('accept') ?? '';
    if (/text\/html/.test(accept) && !/application\/json/.test(accept.split(',')[0] ?? '')) {
      return new Response(renderIntegrationReportHtml(report), {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
      });
    }
    return json(ctx, 200, report);
  },
} satisfies Partial<RouteTable>;
