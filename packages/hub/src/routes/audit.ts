import { verifyAuditChain } from '../audit-log';
import { json, type RouteHandler } from '../request-context';
import type { OperationId } from '../spec-operations';

export const auditRoutes = {
  async listAudit(ctx) {
    const since = (ctx.query.since as number | undefined) ?? 0;
    const limit = ctx.query.limit as number;
    const filter = {
      clientId: ctx.query.clientId as string | undefined,
      datasetId: ctx.query.datasetId as string | undefined,
    };
    const rows = await ctx.core.store.listAudit(since, limit + 1, filter);
    const items = rows.slice(0, limit);
    return json(ctx, 200, { items, nextSince: items.at(-1)?.seq ?? since, hasMore: rows.length > limit });
  },

  async verifyAudit(ctx) {
    return json(ctx, 200, await verifyAuditChain(ctx.core.store));
  },
} satisfies Partial<Record<OperationId, RouteHandler>>;
