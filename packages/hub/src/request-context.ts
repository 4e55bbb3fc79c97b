import type { OperationId, OperationInput, SpecOperation } from '@tukar/spec/operations';
import type { ApiKeyCache } from './api-key-cache';
import type { AuditLog } from './audit-log';
import type { HolidayCalendar } from './calendar/holiday-calendar';
import type { AuditSealer } from './evidence/audit-sealer';
import type { ActiveSigningKey } from './evidence/signing-keys';
import type { MaintenanceSwitch } from './maintenance';
import type { HubObserver } from './metrics/request-event';
import type { OidcSignIn } from './oidc/oidc-sign-in';
import type { ProcedureRegistry } from './procedure-registry';
import type { RequestLimiter } from './rate-limiter';
import type { ApiKeyRow, ClientRow, GrantRow, Store } from './store';

/**
 * The authenticated caller of a request: its client, the API key it used (`null` for a dashboard session
 * opened by single sign-on), and its grants.
 *
 * @example
 * ```ts
 * import type { Caller } from '@tukar/hub';
 *
 * const describeCaller = (caller: Caller) =>
 *   `${caller.client.id} (${caller.client.role}) ${caller.key ? `with key ${caller.key.keyId}` : 'by single sign-on'}`;
 * ```
 */
export interface Caller {
  client: ClientRow;
  key: ApiKeyRow | null;
  /** The caller's grants, read once per request. */
  grants(): Promise<GrantRow[]>;
}

/**
 * One structured log line of the hub.
 *
 * @example
 * ```ts
 * import { createHub, createMemoryStore, type HubLogLine } from '@tukar/hub';
 *
 * const log = (line: HubLogLine) => {
 *   if (line.level === 'error') console.error(`[${line.requestId ?? '-'}] ${line.msg}: ${line.error ?? ''}`);
 *   else if ((line.durationMs ?? 0) > 1000) console.warn(`slow: ${line.method} ${line.path} ${line.durationMs} ms`);
 *   else console.log(JSON.stringify(line));
 * };
 * const hub = await createHub({ store: createMemoryStore(), log });
 * ```
 */
export interface HubLogLine {
  level: 'info' | 'warn' | 'error';
  msg: string;
  requestId?: string;
  method?: string;
  /** The request path, a record key in it shown as `{key}` (a key may be personal data). */
  path?: string;
  status?: number;
  durationMs?: number;
  clientId?: string | null;
  error?: string;
}

/** What every route shares: the store, the audit log, the clock, the options. */
export interface HubCore {
  store: Store;
  audit: AuditLog;
  /** Seals the audit log into signed checkpoints. */
  sealer: AuditSealer;
  limiter: RequestLimiter | undefined;
  /** Told about every answered request (metrics), when configured. */
  observer: HubObserver | undefined;
  /** Requests refused by the rate limit: counted here, not audited one by one. */
  counters: { rateLimited: number };
  now(): Date;
  /** The days off step deadlines skip (national holidays, cuti bersama). */
  calendar: HolidayCalendar;
  /** The procedure versions integrations follow. */
  procedures: ProcedureRegistry;
  log(line: HubLogLine): void;
  version: string;
  /** A test hub whose data may be thrown away (reported by `GET /v1/health`). */
  disposable: boolean;
  /** The dashboard's single sign-on (OpenID Connect), when configured. */
  oidc: OidcSignIn | undefined;
  /** Secret that signs dashboard session cookies (random per hub unless configured). */
  sessionSecret: string;
  /** Whether `X-Forwarded-Proto` / `X-Forwarded-Host` of a proxy in front of the hub are believed. */
  trustProxy: boolean;
  /** The key that signs receipts now (replaced by `Hub.rotateSigningKey`). */
  signingKey: ActiveSigningKey;
  /** Maintenance mode, shared through the store. */
  maintenance: MaintenanceSwitch;
  /** API keys looked up recently (the revoking route forgets a revoked one). */
  apiKeys: ApiKeyCache;
}

/**
 * What a route handler receives: the request's input checked against the spec and typed per operation
 * (`path`, `query`, `headers` by their names in the document, `body`), the caller and the hub core.
 */
export interface RequestContext<Id extends OperationId = OperationId> extends OperationInput<Id> {
  readonly core: HubCore;
  readonly op: SpecOperation<Id>;
  readonly request: Request;
  readonly requestId: string;
  readonly caller: Caller | null;
  /** The raw body bytes, when the operation takes a body. */
  readonly rawBody: Uint8Array | undefined;
  /** SHA-256 (hex) of the raw body, computed once per request; `null` without a body. */
  bodySha256(): Promise<string | null>;
  /** The dataset the request concerns, for the audit log (the `datasetId` path parameter unless a route names it). */
  datasetId: string | null;
  /** The current time as an ISO string (one clock per request). */
  readonly at: string;
}

/**
 * What a route answers: a response, or a response whose audit entry the route already stored with its
 * write, in one transaction (a committed batch), so the audit middleware must not append another.
 */
export type RouteAnswer = Response | { readonly response: Response; readonly audited: 'with-write' };

/** A route: the operation's handler. */
export type RouteHandler<Id extends OperationId = OperationId> = (
  ctx: RequestContext<Id>,
) => Promise<RouteAnswer>;

/** The handler of every operation, each typed for its own operation. */
export type RouteTable = { [Id in OperationId]: RouteHandler<Id> };

/** A JSON answer with the request id. */
export function json(
  ctx: Pick<RequestContext, 'requestId'>,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': ctx.requestId, ...headers },
  });
}

/** The caller; routes that need no key never call this. */
export function callerOf(ctx: Pick<RequestContext, 'caller' | 'op'>): Caller {
  if (!ctx.caller) throw new Error(`Operation ${ctx.op.id} reached its handler without a caller.`);
  return ctx.caller;
}
