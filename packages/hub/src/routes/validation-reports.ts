import { HUB_LIMITS, type Schemas } from '@tukar/spec';
import { mayAccess } from '../access-control';
import { newId } from '../crypto-helpers';
import { HubProblem } from '../hub-problem';
import { knownStore } from '../metadata-access';
import { decodeCursor, encodeCursor, isBeforeCursor } from '../page-cursor';
import type { Caller } from '../request-context';
import { callerOf, json, type RouteTable } from '../request-context';
import type { Store, ValidationReportRow } from '../store';
import { requireDataset } from './dataset-helpers';
import { maySee, requireIntegration } from './integration-view';

/** A stored report without its issues. */
export function toReportSummary(row: ValidationReportRow): Schemas['ValidationReportSummary'] {
  const { issues: _issues, ...summary } = row.report;
  return summary;
}

/**
 * Whether the caller may read a report (its issues quote record values): admins, the submitter, and
 * those who may read the report's dataset or see its integration.
 */
export async function mayReadReport(
  store: Store,
  caller: Caller,
  row: ValidationReportRow,
): Promise<boolean> {
  if (caller.client.role === 'admin' || row.report.submittedBy === caller.client.id) return true;
  if (row.datasetId !== null) {
    const dataset = await store.getDataset(row.datasetId);
    if (dataset && (await mayAccess(caller, dataset, 'read'))) return true;
  }
  if (row.integrationId !== null) {
    const integration = await store.getIntegration(row.integrationId);
    if (integration && maySee(caller, integration)) return true;
  }
  return false;
}

export const validationReportRoutes = {
  async submitValidationReport(ctx) {
    const caller = callerOf(ctx);
    const input = ctx.body;
    const { store } = ctx.core;
    if (input.datasetId !== undefined) {
      const dataset = await requireDataset(knownStore(ctx), input.datasetId);
      if (!(await mayAccess(caller, dataset, 'read')) && !(await mayAccess(caller, dataset, 'write'))) {
        throw new HubProblem(
          403,
          'forbidden',
          `Client ${caller.client.id} has no grant on dataset ${dataset.id}, so it cannot report on it.`,
        );
      }
    }
    if (input.integrationId !== undefined) await requireIntegration(store, caller, input.integrationId);
    const expected = input.counts.invalid === 0 ? 'valid' : 'invalid';
    if (input.verdict !== expected) {
      throw new HubProblem(
        400,
        'bad_request',
        `The verdict "${input.verdict}" contradicts the counts (${input.counts.invalid} invalid records means "${expected}").`,
      );
    }
    const id = newId('rep');
    const report: Schemas['ValidationReport'] = {
      ...input,
      id,
      submittedAt: ctx.at,
      submittedBy: caller.client.id,
    };
    const row: ValidationReportRow = {
      id,
      submittedAt: ctx.at,
      datasetId: input.datasetId ?? null,
      integrationId: input.integrationId ?? null,
      report,
    };
    if (!(await store.createValidationReport(row))) throw new Error(`Report id ${id} collided.`);
    ctx.datasetId = input.datasetId ?? null;
    return json(ctx, 201, report, { location: `/v1/validation-reports/${id}` });
  },

  async listValidationReports(ctx) {
    const limit = ctx.query.limit ?? HUB_LIMITS.defaultPageSize;
    const cursor = decodeCursor(ctx.query.cursor, isBeforeCursor);
    const rows = await ctx.core.store.listValidationReports({
      datasetId: ctx.query.datasetId,
      integrationId: ctx.query.integrationId,
      ...(cursor && { before: { at: cursor.a, id: cursor.i } }),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const caller = callerOf(ctx);
    const readable: ValidationReportRow[] = [];
    for (const row of page) if (await mayReadReport(ctx.core.store, caller, row)) readable.push(row);
    return json(ctx, 200, {
      items: readable.map(toReportSummary),
      nextCursor: rows.length > limit && last ? encodeCursor({ a: last.submittedAt, i: last.id }) : null,
    });
  },

  async getValidationReport(ctx) {
    const row = await ctx.core.store.getValidationReport(ctx.path.reportId);
    if (!row || !(await mayReadReport(ctx.core.store, callerOf(ctx), row)))
      throw new HubProblem(404, 'not_found', `Validation report ${ctx.path.reportId} does not exist.`);
    return json(ctx, 200, row.report);
  },
} satisfies Partial<RouteTable>;
