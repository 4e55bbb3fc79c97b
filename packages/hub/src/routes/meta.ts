import { openApiDocument } from '@tukar/spec';
import { publishedKeySet } from '../evidence/signing-keys';
import { callerOf, json, type RouteTable } from '../request-context';

/** A store slower than this makes `GET /v1/health` say `degraded`. */
const SLOW_STORE_MS = 1000;

export const metaRoutes = {
  async getHealth(ctx) {
    const started = Date.now();
    let status: 'ok' | 'degraded' = 'ok';
    try {
      await ctx.core.store.ping();
      if (Date.now() - started > SLOW_STORE_MS) status = 'degraded';
    } catch {
      status = 'degraded';
    }
    const body = {
      status,
      version: ctx.core.version,
      store: ctx.core.store.kind,
      disposable: ctx.core.disposable,
      time: ctx.at,
    };
    return json(ctx, status === 'ok' ? 200 : 503, body);
  },
  async getOpenApiDocument(ctx) {
    return json(ctx, 200, openApiDocument);
  },
  async getSigningKeys(ctx) {
    return json(ctx, 200, await publishedKeySet(ctx.core.store));
  },
  async getWellKnownJwks(ctx) {
    return json(ctx, 200, await publishedKeySet(ctx.core.store));
  },
  async whoAmI(ctx) {
    const caller = callerOf(ctx);
    return json(ctx, 200, {
      clientId: caller.client.id,
      name: caller.client.name,
      role: caller.client.role,
      keyId: caller.key.keyId,
      grants: await caller.grants(),
    });
  },
} satisfies Partial<RouteTable>;
