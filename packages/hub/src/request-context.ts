import type { AuditLog } from './audit-log';
import type { RateLimiter } from './rate-limiter';
import type { SpecOperation } from './spec-operations';
import type { ApiKeyRow, ClientRow, GrantRow, Store } from './store';

/** The authenticated caller of a request. */
export interface Caller {
  client: ClientRow;
  key: ApiKeyRow;
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
  limiter: RateLimiter | undefined;
  now(): Date;
  log(line: HubLogLine): void;
  version: string;
  /** A test hub whose data may be thrown away (reported by `GET /v1/health`). */
  disposable: boolean;
  /** Secret that signs dashboard session cookies (random per hub unless configured). */
  sessionSecret: string;
}

/** What a route handler receives: the checked input of one request. */
export interface RequestContext {
  readonly core: HubCore;
  readonly op: SpecOperation;
  readonly request: Request;
  readonly requestId: string;
  readonly caller: Caller | null;
  /** Path parameters, decoded once and checked against the spec. */
  readonly path: Record<string, string>;
  /** Query parameters, checked and converted (integers, defaults). */
  readonly query: Record<string, unknown>;
  /** Header parameters of the spec, lower-cased names. */
  readonly headers: Record<string, unknown>;
  /** The parsed, spec-checked body (JSON or form fields). */
  readonly body: unknown;
  /** The raw body bytes, when the operation takes a body. */
  readonly rawBody: Uint8Array | undefined;
  /** SHA-256 (hex) of the raw body, computed once per request; `null` without a body. */
  bodySha256(): Promise<string | null>;
  /** The dataset the request concerns, for the audit log. */
  datasetId: string | null;
  /** The current time as an ISO string (one clock per request). */
  readonly at: string;
  /** Set once the request's audit entry was stored with its write, in one transaction. */
  audited: boolean;
}

/** A route: the operation's handler. */
export type RouteHandler = (ctx: RequestContext) => Promise<Response>;

/** A JSON answer with the request id. */
export function json(
  ctx: RequestContext,
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
export function callerOf(ctx: RequestContext): Caller {
  if (!ctx.caller) throw new Error(`Operation ${ctx.op.id} reached its handler without a caller.`);
  return ctx.caller;
}
