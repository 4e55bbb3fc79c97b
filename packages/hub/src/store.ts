import type { Schemas } from '@tukar/spec';
import type { AuditStore } from './store/audit-store';
import type { ClientStore } from './store/client-store';
import type { ContractStore } from './store/contract-store';
import type { DatasetStore } from './store/dataset-store';
import type { IntegrationStore } from './store/integration-store';

export type {
  AuditCheckpointRow,
  AuditEntryInput,
  AuditRow,
  AuditSealer,
  AuditStore,
} from './store/audit-store';
export type {
  BatchCounts,
  BatchInput,
  BatchOutcome,
  IdempotencyInput,
  IdempotencyRecord,
} from './store/batch';
export type {
  ApiKeyRow,
  ClientRow,
  ClientSigningKeyRow,
  ClientStore,
  GrantRow,
} from './store/client-store';
export type { ContractStore, ContractVersionRow } from './store/contract-store';
export type { ChangeItems, ChangeRow, DatasetRow, DatasetStore, RecordRow } from './store/dataset-store';
export type {
  AttachmentRow,
  IntegrationRow,
  IntegrationStore,
  ValidationReportRow,
} from './store/integration-store';
export type { AfterPage, BeforePage } from './store/pages';

/**
 * Which store backs a hub (reported by `GET /v1/health`).
 *
 * @example
 * ```ts
 * import type { StoreKind } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore(process.env.TUKAR_STORE ?? 'sqlite:./.tukar/hub.db');
 * const kind: StoreKind = store.kind;
 * if (kind === 'memory') console.warn('TUKAR_STORE=memory: every dataset is lost when the hub stops');
 * ```
 */
export type StoreKind = Schemas['Health']['store'];

/**
 * The connections of a store's pool at one moment (the `tukar_store_pool_*` metrics).
 *
 * @example
 * ```ts
 * import type { StorePoolUsage } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('postgres://tukar@127.0.0.1:5432/tukar');
 * const usage: StorePoolUsage | undefined = store.poolUsage?.();
 * if (usage && usage.waiting > 0) console.warn(`${usage.waiting} queries wait for one of ${usage.max} connections`);
 * ```
 */
export interface StorePoolUsage {
  /** The pool's size limit. */
  max: number;
  /** Connections open now (idle ones included). */
  open: number;
  /** Open connections no query holds. */
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
}

/**
 * Where the hub keeps its state. It combines one part per concern
 * ({@link ContractStore}, {@link DatasetStore}, {@link ClientStore}, {@link IntegrationStore},
 * {@link AuditStore}). Every method is atomic on its own; {@link DatasetStore.applyBatch} writes a whole
 * batch, its change-feed entries, the dataset counters, the idempotency record and the request's audit
 * entry in one transaction. The conformance suite in the Tukar repository
 * (`packages/hub/test/store-conformance.ts`, one part per concern, not published with the package) holds
 * every implementation to the same behaviour: the memory store, SQLite and PostgreSQL; a store of your
 * own can be run through it from a checkout.
 *
 * Methods that create return `false` when the row exists; methods that change return `false` when the
 * row is missing or the expected state did not match (compare-and-set).
 *
 * @example
 * ```ts
 * import { createHub, createMemoryStore, type Store } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * const location = process.env.TUKAR_STORE;
 * const store: Store = location ? await openStore(location) : createMemoryStore();
 * const hub = await createHub({ store, adminKey: process.env.TUKAR_ADMIN_KEY });
 * await store.ping();
 * console.log(`${store.kind}: ${(await store.listDatasets()).length} dataset(s)`);
 * // on shutdown: await store.close();
 * ```
 */
export interface Store extends ContractStore, DatasetStore, ClientStore, IntegrationStore, AuditStore {
  readonly kind: StoreKind;
  /** The connections of the store's pool now (PostgreSQL); absent for a store without a pool. */
  readonly poolUsage?: () => StorePoolUsage;

  /**
   * The secret stored under `name` (e.g. the key of the audit log's record-key digests); when there is
   * none, stores `candidate` first and returns it. Every instance on one database gets the same value
   * (the first one stored wins).
   */
  keepSecret(name: string, candidate: string): Promise<string>;
  /**
   * Every secret whose name starts with `prefix`, ordered by name (e.g. the hub's signing-key history,
   * `signing-key/…`). Reads only.
   */
  listSecrets(prefix: string): Promise<Array<{ name: string; value: string }>>;
  /**
   * The hub setting stored under `name` (e.g. `maintenance`), shared by every instance on one database;
   * `undefined` when it is not set.
   */
  readSetting(name: string): Promise<string | undefined>;
  /** Sets the hub setting `name` for every instance on the database, or clears it with `undefined`. */
  writeSetting(name: string, value: string | undefined): Promise<void>;
  /** Cheap round trip to the database (for `GET /v1/health`). */
  ping(): Promise<void>;
  /** Releases connections and files; the store is unusable afterwards. */
  close(): Promise<void>;
}
