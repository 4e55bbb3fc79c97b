import { type OperationId, SPEC_OPERATIONS, type SpecOperation } from '@tukar/spec/operations';
import { Hono } from 'hono';
import { ApiKeyCache } from './api-key-cache';
import { AuditLog } from './audit-log';
import { createHolidayCalendar, indonesianHolidays } from './calendar/holiday-calendar';
import { randomAlphanumeric } from './crypto-helpers';
import { ensureAdmin } from './ensure-admin';
import { AuditSealer } from './evidence/audit-sealer';
import { loadSigningKey, rotateSigningKey } from './evidence/signing-keys';
import { DEFAULT_RATE_LIMIT, type Hub, type HubOptions } from './hub-options';
import { HUB_VERSION } from './hub-version';
import { MaintenanceSwitch } from './maintenance';
import { observeRequest } from './metrics/observe-request';
import { audit } from './middleware/audit';
import { authenticate } from './middleware/authenticate';
import { checkBody } from './middleware/check-body';
import { checkParameters } from './middleware/check-parameters';
import { errorHandler } from './middleware/error-handler';
import type { HubEnv, HubMiddleware, OperationSteps } from './middleware/hub-env';
import { logLine } from './middleware/log-line';
import { notFound } from './middleware/not-found';
import { rateLimit } from './middleware/rate-limit';
import { readRequestBody } from './middleware/read-request-body';
import { refuseWritesInMaintenance } from './middleware/refuse-writes-in-maintenance';
import { requestId } from './middleware/request-id';
import { requireRole } from './middleware/require-role';
import { runRoute } from './middleware/run-route';
import { createOidcSignIn } from './oidc/oidc-sign-in';
import { createProcedureRegistry } from './procedure-registry';
import { type RateLimit, RateLimiter } from './rate-limiter';
import type { HubCore, RouteTable } from './request-context';
import { OPERATION_STEPS, ROUTES } from './routes/index';

/** Health probes: never rate limited, so a flood of other requests cannot make a healthy hub look down. */
const PROBES: ReadonlySet<OperationId> = new Set<OperationId>(['getHealth', 'getLiveness', 'getReadiness']);

/**
 * The request path of one operation, in order: request id, log line, audit (these three wrap the
 * rest and see its answer), the operation's own identification if any, authentication, rate limit (not for the
 * health probes), parameter checks, role, maintenance mode (writes only), body reading, the operation's own body rule if any, body check, and the
 * route. Any step may throw a `HubProblem`; the error handler turns it into problem+json.
 */
function requestPath<Id extends OperationId>(core: HubCore, op: SpecOperation<Id>): HubMiddleware[] {
  const route: RouteTable[Id] = ROUTES[op.id];
  const own: OperationSteps = OPERATION_STEPS[op.id] ?? {};
  return [
    requestId,
    observeRequest(core, op.id),
    logLine(core),
    audit(core),
    ...(own.identify ? [own.identify(core)] : []),
    authenticate(core, op),
    ...(PROBES.has(op.id) ? [] : [rateLimit(core)]),
    checkParameters(op),
    requireRole(op),
    refuseWritesInMaintenance(core, op),
    readRequestBody(op),
    ...(own.body ? [own.body(core)] : []),
    checkBody(op),
    runRoute(core, op, route),
  ];
}

/** The in-process limiter; a shared store is opened by the Node entry (`openRateLimiter`), not by the core. */
function memoryLimiter(limit: RateLimit): RateLimiter {
  if (limit.store !== undefined && limit.store !== 'memory') {
    throw new Error(
      'rateLimit.store is opened by the Node entry: serve the hub with serveHub, or pass ' +
        '`limiter: await openRateLimiter(rateLimit)` (from @tukar/hub/node) to createHub.',
    );
  }
  return new RateLimiter(limit);
}

/**
 * Creates the exchange hub: every operation of the `@tukar/spec` document on a Hono app, over the
 * given store. Requests are checked against the spec (parameters, media types, bodies) before any
 * route runs; every answer, refused ones included, is written to the audit log, sealed into signed checkpoints.
 *
 * @example
 * ```ts
 * import { createHub, createMemoryStore } from '@tukar/hub';
 *
 * const hub = await createHub({
 *   store: createMemoryStore(),
 *   onAdminKeyCreated: (key) => console.log(`admin key (shown once): ${key}`),
 * });
 * const health = await hub.fetch(new Request('http://hub.test/v1/health'));
 * ```
 */
export async function createHub(options: HubOptions): Promise<Hub> {
  const { store } = options;
  const rateLimitOption = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  // The provider first: a hub that cannot reach it does not start (and leaves nothing running).
  const oidc = options.oidc === undefined ? undefined : await createOidcSignIn(options.oidc);
  const auditOptions = options.audit ?? {};
  const sealer = new AuditSealer(
    store,
    () => core.signingKey, // read at each seal: a rotated key seals from then on
    now,
    {
      intervalMs: auditOptions.sealIntervalMs,
      size: auditOptions.sealSize,
      ...(auditOptions.timestampUrl !== undefined && {
        timestampAuthority: { url: auditOptions.timestampUrl },
      }),
    },
    (line) => log(line),
  );
  const { apiKeyCacheTtlMs } = options;
  if (apiKeyCacheTtlMs !== undefined && !(Number.isFinite(apiKeyCacheTtlMs) && apiKeyCacheTtlMs >= 0)) {
    throw new Error(`\`apiKeyCacheTtlMs\` must be a number of milliseconds ≥ 0, got ${apiKeyCacheTtlMs}.`);
  }
  const core: HubCore = {
    store,
    audit: new AuditLog(store, {
      ...auditOptions,
      log: ({ level, msg, error, dropped }) =>
        log({
          level,
          msg: dropped ? `${msg} (${dropped} dropped)` : msg,
          ...(error !== undefined && { error }),
        }),
    }),
    sealer,
    limiter: rateLimitOption === false ? undefined : (options.limiter ?? memoryLimiter(rateLimitOption)),
    counters: { rateLimited: 0 },
    observer: options.observer,
    now,
    calendar: options.holidays ?? createHolidayCalendar({ library: await indonesianHolidays() }),
    procedures: createProcedureRegistry(options.procedures),
    log,
    version: options.version ?? HUB_VERSION,
    disposable: store.kind === 'memory' || options.disposable === true,
    oidc,
    sessionSecret: options.sessionSecret ?? randomAlphanumeric(43),
    trustProxy: options.trustProxy ?? false,
    signingKey: await loadSigningKey(store, options.signingKey, now()),
    maintenance: new MaintenanceSwitch(store),
    apiKeys: new ApiKeyCache(apiKeyCacheTtlMs),
  };
  const adminClientId = options.adminClientId ?? 'kominfo/admin';
  await ensureAdmin(core, options, adminClientId);

  const app = new Hono<HubEnv>();
  for (const op of SPEC_OPERATIONS) {
    const routePath = op.path.replace(/\{([^}]+)\}/g, ':$1');
    app.on(op.method, [routePath], ...requestPath(core, op));
  }
  // No operation matched: 404, or 405 with the allowed methods; audited, without a request log line.
  app.all('*', requestId, observeRequest(core, null), audit(core), notFound);
  app.onError(errorHandler(core));
  return {
    fetch: (request, connection) => Promise.resolve(app.fetch(request, connection ?? {})),
    get rateLimited() {
      return core.counters.rateLimited;
    },
    async close() {
      core.sealer.stop();
      try {
        await core.audit.close();
        await core.sealer.seal();
      } catch (error) {
        log({
          level: 'error',
          msg: 'audit seal on close failed',
          error: error instanceof Error ? error.message : String(error),
        });
      }
      await core.limiter?.close?.();
    },
    async sealAudit() {
      await core.audit.flush();
      return (await core.sealer.seal()).map((checkpoint) => checkpoint.number);
    },
    store,
    app,
    adminClientId,
    get signingKeyId() {
      return core.signingKey.kid;
    },
    maintenance: () => core.maintenance.current(),
    setMaintenance: (settings, by = 'signal') => core.maintenance.set(settings, by, now()),
    async rotateSigningKey() {
      core.signingKey = await rotateSigningKey(store, now());
      return core.signingKey.kid;
    },
  };
}
