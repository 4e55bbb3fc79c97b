import { HUB_LIMITS } from '@tukar/spec';
import { verifyAuditChain } from '../audit-log';
import { json, type RouteTable } from '../request-context';

export const auditRoutes = {
  async listAudit(ctx) {
    const since = ctx.query.since ?? 0;
    const limit = ctx.query.limit ?? HUB_LIMITS.defaultPageSize;
    const filter = {
      clientId: ctx.query.clientId,
      datasetId: ctx.query.datasetId,
    };
    const rows = await ctx.core.store.listAudit(since, limit + 1, filter);
    const items = rows.slice(0, limit);
    return json(ctx, 200, { items, nextSince: items.at(-1)?.seq ?? since, hasMore: rows.length > limit });
  },

  async verifyAudit(ctx) {
    return json(ctx, 200, await verifyAuditChain(ctx.core.store));
  },
} satisfies Partial<RouteTable>;
