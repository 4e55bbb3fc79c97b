import { HUB_LIMITS } from '@tukar/spec';
import { decodeBase64, newId, sha256Hex } from '../crypto-helpers';
import { HubProblem } from '../hub-problem';
import { decodeCursor, encodeCursor, isBeforeCursor } from '../page-cursor';
import { procedureRoleOf, stepActorOf } from '../procedure-role';
import { callerOf, json, type RouteTable } from '../request-context';
import type { AttachmentRow, IntegrationRow } from '../store';
import { buildIntegrationReport } from './integration-report';
import { renderIntegrationReportHtml } from './integration-report-html';
import { integrationView, maySee, requireIntegration, toAttachment } from './integration-view';
import { stepOutput } from './step-output';
import { currentStepOf, takeStep } from './step-transition';

const MEDIA_TYPE =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(\s*;\s*[A-Za-z0-9_-]+=[A-Za-z0-9_.-]+)*$/;
const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export const integrationRoutes = {
  async listIntegrations(ctx) {
    const caller = callerOf(ctx);
    const limit = ctx.query.limit ?? HUB_LIMITS.defaultPageSize;
    const cursor = decodeCursor(ctx.query.cursor, isBeforeCursor);
    const filter = {
      step: ctx.query.step,
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
    const items = await Promise.all(page.map((row) => integrationView(ctx.core, row)));
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
      step: procedure.steps[0]!.number,
      ended: false,
      opd: input.opd,
      requestedBy: caller.client.id,
      createdAt: ctx.at,
      updatedAt: ctx.at,
      stepSince: ctx.at,
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
    return json(ctx, 201, await integrationView(ctx.core, row), {
      location: `/v1/integrations/${row.id}`,
    });
  },

  async getIntegration(ctx) {
    const row = await requireIntegration(ctx.core.store, callerOf(ctx), ctx.path.integrationId);
    return json(ctx, 200, await integrationView(ctx.core, row));
  },

  async transitionIntegration(ctx) {
    const caller = callerOf(ctx);
    const body = ctx.body;
    const row = await requireIntegration(ctx.core.store, caller, ctx.path.integrationId);
    const { procedure, step } = currentStepOf(ctx.core.procedures, row);
    const to = takeStep(procedure, step, caller, row, body);
    const { output, set } = await stepOutput(ctx, caller, row, step, body);
    const actor = stepActorOf(caller.client);
    const next: IntegrationRow = {
      ...row,
      ...set,
      revision: row.revision + 1,
      step: to === 'end' ? row.step : to,
      ended: to === 'end',
      updatedAt: ctx.at,
      stepSince: ctx.at,
      history: [
        ...row.history,
        {
          at: ctx.at,
          when: body.when,
          step: step.number,
          to,
          actor: actor.clientId,
          procedureRole: actor.procedureRole,
          ...(actor.name !== undefined && { actorName: actor.name }),
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
    return json(ctx, 200, await integrationView(ctx.core, next));
  },

  async listAttachments(ctx) {
    const row = await requireIntegration(ctx.core.store, callerOf(ctx), ctx.path.integrationId);
    return json(ctx, 200, { items: (await ctx.core.store.listAttachments(row.id)).map(toAttachment) });
  },

  async addAttachment(ctx) {
    const caller = callerOf(ctx);
    const row = await requireIntegration(ctx.core.store, caller, ctx.path.integrationId);
    if (
      caller.client.role !== 'admin' &&
      procedureRoleOf(caller.client) === 'opd-operator' &&
      row.requestedBy !== caller.client.id
    ) {
      throw new HubProblem(
        403,
        'forbidden',
        `Only Diskominfo (administrator, tim teknis, pengawas) and the requester (${row.requestedBy}) attach documents to ${row.id}.`,
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
    const report = await buildIntegrationReport(ctx.core, row);
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
