import type { Procedure } from '@tukar/contracts/procedure';
import type { Schemas } from '@tukar/spec';
import type { Hono } from 'hono';
import type { HolidayCalendar } from './calendar/holiday-calendar';
import type { HubObserver } from './metrics/request-event';
import type { HubEnv } from './middleware/hub-env';
import type { OidcOptions } from './oidc/oidc-options';
import type { RateLimit, RequestLimiter } from './rate-limiter';
import type { HubLogLine } from './request-context';
import type { Store } from './store';

/**
 * Options of `createHub`.
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
 *   trustProxy: process.env.TUKAR_TRUST_PROXY === '1', // behind nginx that sets X-Forwarded-Proto
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
  /**
   * Rate limit per authenticated client and per address for unauthenticated requests (health probes
   * exempt), or `false` for none. Default: 100 requests/s with bursts of 200, in this process's memory;
   * `store` shares it among instances (Redis or PostgreSQL).
   */
  rateLimit?: RateLimit | false;
  /**
   * The limiter that applies `rateLimit`, when it is kept in a shared store: `await openRateLimiter(rateLimit)`
   * of `@tukar/hub/node` (`serveHub` does this by itself). Default: an in-process token bucket.
   */
  limiter?: RequestLimiter;
  /** Told about every answered request, for metrics (`hubMetrics(store).observer` of `@tukar/hub/node`). */
  observer?: HubObserver;
  /** Structured log lines (one per request and for errors). Default: none. */
  log?: (line: HubLogLine) => void;
  /**
   * The days off that step deadlines skip besides weekends (`createHolidayCalendar`): national holidays
   * and cuti bersama. Default: the shipped SKB 2026 list, and the `date-holidays` library for other years.
   */
  holidays?: HolidayCalendar;
  /**
   * The procedure definitions (SOPs, `loadProcedure` / `loadPreset` of `@tukar/contracts/procedure`)
   * integrations follow; several versions of one procedure may be loaded. A new integration starts under
   * the newest version of the procedure it names, by default the first one given, and stays pinned to
   * it. Default: the `ciamis` preset.
   */
  procedures?: readonly Procedure[];
  /** The clock (tests and demos move it to show overdue steps). Default: `() => new Date()`. */
  now?: () => Date;
  /** The version reported by `GET /v1/health`. Default: the version of this `@tukar/hub` package. */
  version?: string;
  /**
   * How long, in milliseconds, this instance keeps what it read about an API key (its row and client)
   * before reading them again. A key revoked through this instance is refused at once; other instances on
   * the same database refuse it within this time. Default 5000; `0` reads the key on every request.
   */
  apiKeyCacheTtlMs?: number;
  /**
   * Marks a test hub whose data may be thrown away (`GET /v1/health` reports `disposable: true`;
   * a memory store always is). `tukar pact verify-hub` refuses a hub that is not, unless told otherwise.
   */
  disposable?: boolean;
  /**
   * The OpenID Connect provider people sign in to the dashboard with ("Masuk dengan SSO"), next to the
   * personal-key form. The provider is discovered when the hub is created: `createHub` rejects with a
   * message naming the issuer when it cannot be reached. Default: no single sign-on.
   */
  oidc?: OidcOptions;
  /** Secret that signs dashboard session cookies; set it when several instances share a load balancer. */
  sessionSecret?: string;
  /**
   * Set it when the hub runs behind a reverse proxy (nginx, a load balancer) that terminates TLS and
   * sets `X-Forwarded-Proto` and `X-Forwarded-Host`: the dashboard then marks its cookies `Secure`
   * when the proxy says `https`, and accepts a form posted to the host the proxy names. Leave it unset
   * (default `false`) when clients reach the hub directly: anyone could send those headers.
   */
  trustProxy?: boolean;
  /**
   * The Ed25519 private key that signs receipts, as text: a JWK (JSON with `d`) or a PKCS#8 PEM
   * (`openssl genpkey -algorithm ed25519`), e.g. read from a file or `TUKAR_SIGNING_KEY`. Its public
   * part joins the key history published at `/.well-known/jwks.json`. Without it, the hub generates a
   * key on the first start and keeps it in the store. The key is never printed or logged.
   */
  signingKey?: string;
  /**
   * How the audit log writes and seals. The entries of reads (GET, HEAD) are buffered and written
   * together off the request path, at the latest `flushIntervalMs` (default 1,000) after the first, or
   * once `flushSize` (default 500) wait: a crash loses at most those. Entries are sealed into signed
   * checkpoints every `sealIntervalMs` (default 10,000; `false`: only on demand and when the hub
   * closes), at most `sealSize` (default 1,000) per checkpoint. With `timestampUrl`, an RFC 3161
   * time-stamping authority countersigns each new checkpoint (`AuditCheckpoint.timestampToken`).
   */
  audit?: {
    flushIntervalMs?: number;
    flushSize?: number;
    sealIntervalMs?: number | false;
    sealSize?: number;
    /** The URL of an RFC 3161 time-stamping authority (HTTP POST `application/timestamp-query`). */
    timestampUrl?: string;
  };
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
  /**
   * Answers one request (Hono's fetch): serve it with `@tukar/hub/node`, call it in tests, or run it inside
   * msw. `connection.remoteAddress` (the Node entry passes it) gives unauthenticated callers their own
   * rate-limit bucket per address.
   */
  fetch(request: Request, connection?: { remoteAddress?: string }): Promise<Response>;
  /** Requests refused by the rate limit since start (counted, not audited one by one). */
  readonly rateLimited: number;
  /**
   * Writes the buffered audit entries of reads, seals the audit log, and releases what the hub holds
   * besides its store (the rate limiter's Redis/PostgreSQL connections).
   */
  close(): Promise<void>;
  /**
   * Writes the buffered audit entries of reads and seals every entry not sealed yet into signed
   * checkpoints now (as `POST /v1/audit/checkpoints`); resolves with the new checkpoints' numbers.
   */
  sealAudit(): Promise<number[]>;
  /** The store the hub runs on. */
  readonly store: Store;
  /** The Hono application, for mounting under another app. */
  readonly app: Hono<HubEnv>;
  /** The admin client's id. */
  readonly adminClientId: string;
  /** The id (`kid`) of the key that signs receipts now. */
  readonly signingKeyId: string;
  /**
   * Generates a new signing key, keeps it in the store and signs with it from now on; the old public
   * keys stay published, so earlier receipts still verify. Other instances on the same store switch
   * at their next start. Returns the new key's id. A hub given `signingKey` is rotated by configuring
   * another key instead (this one still works, but the configured key signs again after a restart).
   */
  rotateSigningKey(): Promise<string>;
  /** Maintenance mode now (shared by every instance on the store; see `PUT /v1/meta/maintenance`). */
  maintenance(): Promise<Schemas['Maintenance']>;
  /**
   * Turns maintenance mode on (writes answer 503 `maintenance` with `Retry-After`, reads go on) or off,
   * for every instance on the store; `by` is recorded as who did it (default `signal`).
   */
  setMaintenance(settings: Schemas['MaintenanceSettings'], by?: string): Promise<Schemas['Maintenance']>;
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
