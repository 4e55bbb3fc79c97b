import { HUB_LIMITS } from '@tukar/spec';
import { Hono } from 'hono';
import { ADMIN_OPERATIONS, authenticateKey, bearerKey, requireAdmin } from './access-control';
import { API_KEY_PATTERN, generateApiKey, hashApiKey } from './api-key';
import { AuditLog, requestAuditInput } from './audit-log';
import { newId, randomAlphanumeric, sha256Hex } from './crypto-helpers';
import { HubProblem, problemResponse } from './hub-problem';
import { type RateLimit, RateLimiter } from './rate-limiter';
import { parseFormBody, parseJsonBody, readBody } from './read-body';
import type { Caller, HubCore, HubLogLine, RequestContext } from './request-context';
import { sessionCaller } from './routes/dashboard';
import { ROUTES } from './routes/index';
import { checkBody, checkParameters, SPEC_OPERATIONS, type SpecOperation } from './spec-operations';
import type { Store } from './store';

/**
 * Options of {@link createHub}.
 *
 * @example
 * ```ts
 * import { createHub, type HubOptions } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * const options: HubOptions = {
 *   store: await openStore(process.env.TUKAR_STORE ?? 'sqlite:./.tukar/hub.db'),
 *   adminKey: process.env.TUKAR_ADMIN_KEY,
 *   rateLimit: { requestsPerSecond: 50, burst: 100 },
 *   sessionSecret: process.env.TUKAR_SESSION_SECRET,
 *   log: (line) => console.log(JSON.stringify(line)),
 * };
 * const hub = await createHub(options);
 * ```
 */
export interface HubOptions {
  /** Where the hub keeps its state: `createMemoryStore()`, or a SQLite/PostgreSQL store from `@tukar/hub/node`. */
  store: Store;
  /**
   * The administrator's API key (`tk_…`, e.g. from `TUKAR_ADMIN_KEY`). It is registered for the admin
   * client if the hub does not know it yet. Without it, a hub whose store has no admin makes one key
   * and hands it to `onAdminKeyCreated` once.
   */
  adminKey?: string;
  /** Id of the admin client created on first start (default `kominfo/admin`). */
  adminClientId?: string;
  /** Called once with a newly made admin key (the Node entry prints it). */
  onAdminKeyCreated?: (apiKey: string, clientId: string) => void;
  /** Per-client rate limit, or `false` for none. Default: 100 requests/s with bursts of 200. */
  rateLimit?: RateLimit | false;
  /** Structured log lines (one per request and for errors). Default: none. */
  log?: (line: HubLogLine) => void;
  /** The clock (tests and demos move it to show overdue steps). Default: `() => new Date()`. */
  now?: () => Date;
  /** The version reported by `GET /v1/health`. */
  version?: string;
  /**
   * Marks a test hub whose data may be thrown away (`GET /v1/health` reports `disposable: true`;
   * a memory store always is). `tukar pact verify-hub` refuses a hub that is not, unless told otherwise.
   */
  disposable?: boolean;
  /** Secret that signs dashboard session cookies; set it when several instances share a load balancer. */
  sessionSecret?: string;
}

/**
 * The hub as a fetch handler, listening nowhere yet: serve it with `serveHub` of `@tukar/hub/node`
 * (which gives a `RunningHub`), or on any runtime that takes `(Request) => Response`.
 *
 * @example
 * ```ts
 * import { createHub, createMemoryStore, type Hub } from '@tukar/hub';
 *
 * const adminKey = process.env.TUKAR_ADMIN_KEY;
 * const hub: Hub = await createHub({ store: createMemoryStore(), adminKey });
 * const whoami = await hub.fetch(
 *   new Request('http://127.0.0.1:8080/v1/meta/whoami', { headers: { authorization: `Bearer ${adminKey}` } }),
 * );
 * console.log(hub.adminClientId, whoami.status, hub.store.kind); // 'kominfo/admin' 200 'memory'
 * ```
 */
export interface Hub {
  /** Answers one request (Hono's fetch): serve it with `@tukar/hub/node`, call it in tests, or run it inside msw. */
  fetch(request: Request): Promise<Response>;
  /** The store the hub runs on. */
  readonly store: Store;
  /** The Hono application, for mounting under another app. */
  readonly app: Hono;
  /** The admin client's id. */
  readonly adminClientId: string;
}

/**
 * Default per-client rate limit.
 *
 * @example
 * ```ts
 * import { createHub, DEFAULT_RATE_LIMIT } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * // The default steady rate, with twice the burst for the OPDs' nightly sync window.
 * const hub = await createHub({
 *   store: await openStore('sqlite:./.tukar/hub.db'),
 *   rateLimit: { ...DEFAULT_RATE_LIMIT, burst: DEFAULT_RATE_LIMIT.burst * 2 },
 * });
 * ```
 */
export const DEFAULT_RATE_LIMIT: RateLimit = { requestsPerSecond: 100, burst: 200 };
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const FORM_TYPE = 'application/x-www-form-urlencoded';

function pathParameters(op: SpecOperation, pathname: string): Record<string, string> {
  const template = op.path.split('/');
  const actual = pathname.split('/');
  const out: Record<string, string> = {};
  template.forEach((segment, i) => {
    const match = /^\{(.+)\}$/.exec(segment);
    if (!match) return;
    try {
      out[match[1] as string] = decodeURIComponent(actual[i] ?? '');
    } catch {
      throw new HubProblem(400, 'bad_request', `Path parameter "${match[1]}" is not valid percent-encoding.`);
    }
  });
  return out;
}

function mediaTypeOf(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

async function ensureAdmin(core: HubCore, options: HubOptions, adminClientId: string): Promise<void> {
  const { store } = core;
  const at = core.now().toISOString();
  if (options.adminKey !== undefined && !API_KEY_PATTERN.test(options.adminKey)) {
    throw new Error(
      'The admin key must be "tk_" followed by 43 base64url characters (A-Z a-z 0-9 _ -); make one with `node -e "console.log(require(\'@tukar/hub\').generateApiKey())"` or leave it unset to get one printed on first start.',
    );
  }
  const hasAdmin = (await store.listClients()).some((c) => c.role === 'admin');
  if (!(await store.getClient(adminClientId))) {
    if (hasAdmin && options.adminKey === undefined) return;
    await store.createClient({
      id: adminClientId,
      name: 'Administrator hub',
      opd: 'Diskominfo',
      role: 'admin',
      createdAt: at,
      disabled: false,
    });
  }
  const key = options.adminKey ?? (hasAdmin ? undefined : generateApiKey());
  if (key === undefined) return;
  const hash = await hashApiKey(key);
  if (await store.getApiKeyByHash(hash)) return;
  await store.createApiKey({
    keyId: newId('key'),
    clientId: adminClientId,
    prefix: key.slice(0, 8),
    hash,
    label: options.adminKey === undefined ? 'first start' : 'from configuration',
    createdAt: at,
    lastUsedAt: null,
    revokedAt: null,
    expiresAt: null,
  });
  if (options.adminKey === undefined) options.onAdminKeyCreated?.(key, adminClientId);
}

/**
 * Creates the exchange hub: every operation of the `@tukar/spec` document on a Hono app, over the
 * given store. Requests are checked against the spec (parameters, media types, bodies) before any
 * route runs; every answer, refused ones included, is appended to the hash-chained audit log.
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
  const rateLimit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  const core: HubCore = {
    store,
    audit: new AuditLog(store),
    limiter: rateLimit === false ? undefined : new RateLimiter(rateLimit),
    now: options.now ?? (() => new Date()),
    log: options.log ?? (() => undefined),
    version: options.version ?? '0.0.0',
    disposable: store.kind === 'memory' || options.disposable === true,
    sessionSecret: options.sessionSecret ?? randomAlphanumeric(43),
  };
  const adminClientId = options.adminClientId ?? 'kominfo/admin';
  await ensureAdmin(core, options, adminClientId);

  const app = new Hono();
  for (const op of SPEC_OPERATIONS) {
    app.on(op.method, op.routePath, (c) => handle(core, op, c.req.raw));
  }
  app.notFound((c) => notFound(core, c.req.raw));
  return { fetch: (request) => Promise.resolve(app.fetch(request)), store, app, adminClientId };
}

async function notFound(core: HubCore, request: Request): Promise<Response> {
  const requestId = newRequestId(request);
  const { pathname } = new URL(request.url);
  const allowed = SPEC_OPERATIONS.filter((op) =>
    new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathname),
  ).map((op) => op.method);
  const problem =
    allowed.length > 0
      ? new HubProblem(
          405,
          'method_not_allowed',
          `${request.method} is not allowed on ${pathname}; allowed: ${allowed.join(', ')}.`,
        )
      : new HubProblem(
          404,
          'not_found',
          `No operation at ${request.method} ${pathname}; the API is described at GET /v1/meta/openapi.`,
        );
  const response = problemResponse(problem, requestId, pathname);
  if (allowed.length > 0) response.headers.set('allow', allowed.join(', '));
  await audit(core, request, requestId, null, null, response.status, async () => null);
  return response;
}

/**
 * The path as log lines show it: a record key becomes `{key}`. A key may be personal data (a NIK);
 * logs often travel further than the audit log, which keeps the whole path for administrators.
 */
function loggedPath(pathname: string): string {
  return pathname.replace(/(\/records\/)[^/]+/, '$1{key}');
}

function newRequestId(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given !== null && REQUEST_ID.test(given) ? given : newId('req');
}

async function audit(
  core: HubCore,
  request: Request,
  requestId: string,
  caller: Caller | null,
  datasetId: string | null,
  status: number,
  bodySha256: () => Promise<string | null>,
): Promise<void> {
  await core.audit.append(
    requestAuditInput(request, {
      at: core.now().toISOString(),
      requestId,
      clientId: caller?.client.id ?? null,
      datasetId,
      status,
      bodySha256: await bodySha256(),
    }),
  );
}

async function identify(core: HubCore, op: SpecOperation, request: Request): Promise<Caller | null> {
  if (op.id === 'getDashboard') {
    return bearerKey(request) === undefined
      ? sessionCaller(core, request)
      : authenticateKey(core, bearerKey(request));
  }
  if (op.anonymous) return null;
  return authenticateKey(core, bearerKey(request));
}

function rateLimit(core: HubCore, id: string): void {
  const wait = core.limiter?.take(id, core.now().getTime()) ?? 0;
  if (wait > 0) {
    throw new HubProblem(429, 'rate_limited', `Too many requests from ${id}; retry after ${wait} s.`, {
      retryAfter: wait,
    });
  }
}

/**
 * A push batch over `maxBatchSize` answers 413 `payload_too_large`, as the spec's pushRecords says (the
 * schema's `maxItems` alone would make it a generic 400).
 */
function checkBatchSize(op: SpecOperation, body: unknown): void {
  if (op.id !== 'pushRecords' || body === null || typeof body !== 'object') return;
  for (const [field, noun] of [
    ['upsert', 'upserts'],
    ['delete', 'deletes'],
  ] as const) {
    const items = (body as Record<string, unknown>)[field];
    if (Array.isArray(items) && items.length > HUB_LIMITS.maxBatchSize) {
      throw new HubProblem(
        413,
        'payload_too_large',
        `The batch has ${items.length} ${noun}; at most ${HUB_LIMITS.maxBatchSize} per request. Split it into batches of ${HUB_LIMITS.maxBatchSize} or fewer.`,
      );
    }
  }
}

async function handle(core: HubCore, op: SpecOperation, request: Request): Promise<Response> {
  const started = Date.now();
  const requestId = newRequestId(request);
  const url = new URL(request.url);
  let caller: Caller | null = null;
  let datasetId: string | null = null;
  let rawBody: Uint8Array | undefined;
  let bodyHash: Promise<string | null> | undefined;
  const bodySha256 = () => {
    bodyHash ??= rawBody && rawBody.byteLength > 0 ? sha256Hex(rawBody) : Promise.resolve(null);
    return bodyHash;
  };
  let response: Response;
  let ctx: RequestContext | undefined;
  try {
    try {
      caller = await identify(core, op, request);
    } catch (problem) {
      if (problem instanceof HubProblem) rateLimit(core, 'unauthenticated');
      throw problem;
    }
    rateLimit(core, caller?.client.id ?? 'anonymous');
    const path = checkParameters(op, 'path', pathParameters(op, url.pathname)) as Record<string, string>;
    datasetId = typeof path.datasetId === 'string' ? path.datasetId : null;
    const query = checkParameters(op, 'query', Object.fromEntries(url.searchParams));
    const headers = checkParameters(op, 'header', Object.fromEntries(request.headers));
    if (caller && ADMIN_OPERATIONS.has(op.id)) requireAdmin(op.id, caller);
    let body: unknown;
    if (op.bodyTypes.length > 0) {
      const type = mediaTypeOf(request);
      const declared = request.headers.get('content-length');
      const empty = request.body === null || declared === '0';
      if (empty && !op.bodyRequired) {
        body = {};
      } else {
        if (!op.bodyTypes.includes(type)) {
          throw new HubProblem(
            415,
            'unsupported_media_type',
            `Content-Type "${type || '(none)'}" is not accepted here; send ${op.bodyTypes.join(' or ')}.`,
          );
        }
        rawBody = await readBody(request, HUB_LIMITS.maxBodyBytes);
        body = type === FORM_TYPE ? parseFormBody(rawBody) : parseJsonBody(rawBody);
      }
      checkBatchSize(op, body);
      checkBody(op, body);
    }
    ctx = {
      core,
      op,
      request,
      requestId,
      caller,
      path,
      query,
      headers,
      body,
      rawBody,
      bodySha256,
      datasetId,
      at: core.now().toISOString(),
      audited: false,
    };
    response = await ROUTES[op.id](ctx);
    datasetId = ctx.datasetId;
    response.headers.set('x-request-id', requestId);
  } catch (error) {
    if (error instanceof HubProblem) {
      response = problemResponse(error, requestId, url.pathname);
    } else {
      core.log({
        level: 'error',
        msg: 'request failed',
        requestId,
        method: request.method,
        path: loggedPath(url.pathname),
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      response = problemResponse(
        new HubProblem(
          500,
          'internal_error',
          `The hub failed on this request; nothing of it was committed unless its answer said so. Quote request id ${requestId} to the administrator.`,
        ),
        requestId,
        url.pathname,
      );
    }
  }
  try {
    // A committed batch wrote its entry in its own transaction (status 200, its answer).
    if (!ctx?.audited) await audit(core, request, requestId, caller, datasetId, response.status, bodySha256);
  } catch (error) {
    core.log({
      level: 'error',
      msg: 'audit append failed',
      requestId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
  core.log({
    level: response.status >= 500 ? 'error' : 'info',
    msg: 'request',
    requestId,
    method: request.method,
    path: loggedPath(url.pathname),
    status: response.status,
    durationMs: Date.now() - started,
    clientId: caller?.client.id ?? null,
  });
  return response;
}
