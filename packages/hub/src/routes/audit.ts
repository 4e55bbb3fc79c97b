import { HUB_LIMITS } from '@tukar/spec';
import { base64url } from 'jose';
import { auditEvidenceBundle, verifyStoredAudit } from '../audit-log';
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
    return json(ctx, 200, await verifyStoredAudit(ctx.core.store));
  },

  async exportAuditEvidence(ctx) {
    return json(ctx, 200, await auditEvidenceBundle(ctx.core.store, ctx.core.now()));
  },

  async sealAudit(ctx) {
    await ctx.core.audit.flush();
    const checkpoints = await ctx.core.sealer.seal();
    let sealed = 0;
    for (const { jws } of checkpoints) sealed += checkpointCount(jws);
    return json(ctx, 200, { checkpoints, sealed });
  },
} satisfies Partial<RouteTable>;

/** The `count` claim of a checkpoint this hub just signed. */
function checkpointCount(jws: string): number {
  const payload = jws.split('.')[1] ?? '';
  return (JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as { count: number }).count;
}
