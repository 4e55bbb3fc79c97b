import { openApiDocument } from '@tukar/spec/operations';
import { publishedKeySet } from '../evidence/signing-keys';
import { HubProblem } from '../hub-problem';
import { storeFaultOf } from '../kysely/store-fault';
import { procedureRoleOf } from '../procedure-role';
import { callerOf, json, type RouteTable } from '../request-context';

/** A store slower than this makes `GET /v1/health` say `degraded`. */
const SLOW_STORE_MS = 1000;
/** A store that has not answered within this makes `GET /v1/health/ready` say `not_ready`. */
const READY_TIMEOUT_MS = 2000;

/** Why the store is not ready, or null when it answered a query within {@link READY_TIMEOUT_MS}. */
async function storeNotReadyReason(ping: () => Promise<void>): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`the store did not answer within ${READY_TIMEOUT_MS} ms`),
      READY_TIMEOUT_MS,
    );
  });
  const pinged = ping().then(
    () => null,
    (error: unknown) => storeFaultOf(error)?.reason ?? 'the store failed a test query',
  );
  try {
    return await Promise.race([pinged, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

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
  async getLiveness(ctx) {
    return json(ctx, 200, { status: 'live', version: ctx.core.version, time: ctx.at });
  },
  async getReadiness(ctx) {
    const reason = await storeNotReadyReason(() => ctx.core.store.ping());
    if (reason !== null) {
      throw new HubProblem(503, 'store_unavailable', `The hub is not ready: ${reason}.`, { retryAfter: 5 });
    }
    const { enabled } = await ctx.core.maintenance.current();
    return json(ctx, 200, {
      status: 'ready',
      store: ctx.core.store.kind,
      time: ctx.at,
      maintenance: enabled,
    });
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
  async getMaintenance(ctx) {
    return json(ctx, 200, await ctx.core.maintenance.current());
  },
  async setMaintenance(ctx) {
    const state = await ctx.core.maintenance.set(ctx.body, callerOf(ctx).client.id, new Date(ctx.at));
    ctx.core.log({
      level: 'warn',
      msg: state.enabled
        ? `maintenance mode on: writes answer 503${state.reason ? ` (${state.reason})` : ''}`
        : 'maintenance mode off: writes accepted again',
      requestId: ctx.requestId,
      clientId: state.by,
    });
    return json(ctx, 200, state);
  },
  async whoAmI(ctx) {
    const caller = callerOf(ctx);
    if (caller.key === null) {
      throw new HubProblem(
        401,
        'unauthorized',
        'whoami needs an API key: send "Authorization: Bearer <api key>".',
      );
    }
    return json(ctx, 200, {
      clientId: caller.client.id,
      name: caller.client.name,
      role: caller.client.role,
      procedureRole: procedureRoleOf(caller.client),
      ...(caller.client.person !== undefined && { person: caller.client.person }),
      keyId: caller.key.keyId,
      grants: await caller.grants(),
    });
  },
} satisfies Partial<RouteTable>;
