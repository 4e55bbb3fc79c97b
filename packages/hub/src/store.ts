import type { Schemas } from '@tukar/spec';

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
 * A stored contract version; `document` is the contract as JSON.
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * for (const row of await store.listContractVersions('dinkes.puskesmas')) {
 *   console.log(`${row.version} ${row.status} since ${row.statusChangedAt}: ${row.document.title}`);
 *   console.log(`  published ${row.publishedAt}, sha256 ${row.sha256}`);
 * }
 * await store.close();
 * ```
 */
export interface ContractVersionRow {
  contractId: string;
  version: string;
  status: Schemas['ContractStatus'];
  sha256: string;
  document: Schemas['ContractDocument'];
  publishedAt: string;
  statusChangedAt: string;
}

/**
 * A dataset, with the pinned contract's classification and update frequency copied at pin time.
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * const dataset = await store.getDataset('dinkes.puskesmas');
 * if (dataset) {
 *   console.log(`${dataset.id}: ${dataset.contractId}@${dataset.contractVersion} (${dataset.classification})`);
 *   console.log(`${dataset.recordCount} records, change #${dataset.lastSeq} at ${dataset.lastChangeAt ?? 'never'}`);
 * }
 * await store.close();
 * ```
 */
export interface DatasetRow {
  id: string;
  contractId: string;
  contractVersion: string;
  classification: Schemas['Classification'];
  updateFrequency: Schemas['UpdateFrequency'];
  createdAt: string;
  /** Sequence of the dataset's last change; 0 when nothing was ever written. */
  lastSeq: number;
  recordCount: number;
  lastChangeAt: string | null;
}

/**
 * One stored record; `json` is its canonical JSON text (keys sorted), so equal records compare equal.
 *
 * @example
 * ```ts
 * import { loadContract } from '@tukar/contracts';
 * import { mockHub } from '@tukar/mock';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
 * const puskesmas = loaded.contract;
 * const hub = await mockHub({ contracts: [puskesmas], records: { 'dinkes.puskesmas': puskesmas.examples ?? [] } });
 * const row = await hub.store.getRecord('dinkes.puskesmas', 'P3207010101'); // the key: primary-key value(s)
 * if (row) console.log(row.seq, row.updatedAt, JSON.parse(row.json).nama); // 1 '2025-…' 'Puskesmas Ciamis'
 * ```
 */
export interface RecordRow {
  key: string;
  seq: number;
  updatedAt: string;
  json: string;
}

/**
 * One entry of a dataset's changes feed; `json` is `null` for a delete (tombstone).
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * for (const change of await store.listChanges('dinkes.puskesmas', 0, 100)) {
 *   if (change.op === 'delete') console.log(`#${change.seq} ${change.at} deleted ${change.key}`);
 *   else console.log(`#${change.seq} ${change.at} wrote ${change.key}: ${change.json}`);
 * }
 * ```
 */
export interface ChangeRow {
  seq: number;
  op: 'upsert' | 'delete';
  key: string;
  at: string;
  json: string | null;
}

/**
 * A batch for {@link Store.applyBatch}: already validated and keyed by the core.
 *
 * @example
 * ```ts
 * import { type BatchInput, createMemoryStore } from '@tukar/hub';
 *
 * const store = createMemoryStore(); // or your own Store, in its tests
 * const batch: BatchInput = {
 *   datasetId: 'dinkes.puskesmas',
 *   at: new Date().toISOString(),
 *   upserts: [{ key: 'P3374010101', json: '{"kode_puskesmas":"P3374010101","nama":"Puskesmas Bandarharjo"}' }],
 *   deletes: ['P3374010102'],
 * };
 * const outcome = await store.applyBatch(batch); // { kind: 'missing-dataset' } until createDataset
 * ```
 */
export interface BatchInput {
  datasetId: string;
  at: string;
  /** Upserts in order; keys are unique within the batch. */
  upserts: ReadonlyArray<{ key: string; json: string }>;
  /** Keys to delete, applied after the upserts; unknown keys are skipped. */
  deletes: readonly string[];
  /** When given, the answer is stored with the batch in the same transaction. */
  idempotency?: IdempotencyInput;
  /**
   * The audit entry of the request that writes the batch, appended in the batch's transaction: the log
   * holds it exactly when the batch is committed (a crash cannot keep one without the other). Its `seq`
   * must follow the log's last entry; when another writer appended first, nothing at all is written and
   * the outcome is `audit-behind` (read the log's head again and retry). Not written on a replay.
   */
  audit?: AuditRow;
}

/**
 * The idempotency record written with a batch.
 *
 * @example
 * ```ts
 * import { createMemoryStore, type IdempotencyInput } from '@tukar/hub';
 *
 * const store = createMemoryStore();
 * const idempotency: IdempotencyInput = {
 *   scope: 'ciamis/dinkes/simpus dinkes.puskesmas',
 *   key: '0b6f7c1e-5a3d-4f1b-9e2a-7d8c4b3a2f10', // the request's Idempotency-Key
 *   requestHash: bodySha256,
 *   answer: (counts) => ({ status: 200, body: JSON.stringify(counts) }),
 * };
 * const at = new Date().toISOString();
 * const outcome = await store.applyBatch({ datasetId: 'dinkes.puskesmas', at, upserts, deletes: [], idempotency });
 * if (outcome.kind === 'replay' && outcome.requestHash !== bodySha256) console.log('key reused with another body');
 * ```
 */
export interface IdempotencyInput {
  /** Who and where: `<clientId> <datasetId>`; keys of different scopes never collide. */
  scope: string;
  key: string;
  /** SHA-256 of the request body, to tell a replay from a reuse with another body. */
  requestHash: string;
  /** Builds the stored answer from the batch's counts. */
  answer(counts: BatchCounts): StoredAnswer;
}

/**
 * What a batch did.
 *
 * @example
 * ```ts
 * import { type BatchCounts, createMemoryStore } from '@tukar/hub';
 *
 * const store = createMemoryStore();
 * const outcome = await store.applyBatch(batch);
 * if (outcome.kind === 'applied') {
 *   const { created, updated, unchanged, deleted, seq }: BatchCounts = outcome.counts;
 *   console.log(`${created} new, ${updated} changed, ${unchanged} unchanged, ${deleted} deleted; feed at #${seq}`);
 * }
 * ```
 */
export interface BatchCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** The dataset's sequence after the batch. */
  seq: number;
}

/**
 * An HTTP answer kept for idempotent replays.
 *
 * @example
 * ```ts
 * import type { StoredAnswer, Store } from '@tukar/hub';
 *
 * async function replay(store: Store, idempotencyKey: string): Promise<Response | undefined> {
 *   const stored = await store.getIdempotentAnswer('ciamis/dinkes/simpus dinkes.puskesmas', idempotencyKey);
 *   if (!stored) return undefined;
 *   const answer: StoredAnswer = stored.answer;
 *   return new Response(answer.body, { status: answer.status, headers: { 'content-type': 'application/json' } });
 * }
 * ```
 */
export interface StoredAnswer {
  status: number;
  body: string;
}

/**
 * The result of {@link Store.applyBatch}.
 *
 * @example
 * ```ts
 * import { type BatchOutcome, createMemoryStore } from '@tukar/hub';
 *
 * const store = createMemoryStore();
 * const outcome: BatchOutcome = await store.applyBatch(batch);
 * switch (outcome.kind) {
 *   case 'applied':
 *     console.log(`dinkes.puskesmas now at change #${outcome.counts.seq}`);
 *     break;
 *   case 'replay':
 *     console.log(`already applied; the stored answer was ${outcome.answer.status}`);
 *     break;
 *   case 'missing-dataset':
 *     throw new Error('Dataset dinkes.puskesmas does not exist.');
 *   case 'audit-behind':
 *     throw new Error('another writer appended to the audit log first: retry with the new head');
 * }
 * ```
 */
export type BatchOutcome =
  | { kind: 'applied'; counts: BatchCounts }
  | { kind: 'replay'; requestHash: string; answer: StoredAnswer }
  | { kind: 'missing-dataset' }
  /** The batch's `audit` entry no longer follows the log's last entry: nothing was written. */
  | { kind: 'audit-behind' };

/**
 * A registered OPD system or administrator.
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * for (const client of await store.listClients()) {
 *   if (client.disabled) continue;
 *   console.log(`${client.id} ${client.name} (${client.opd}, ${client.role}) since ${client.createdAt}`);
 * }
 * ```
 */
export type ClientRow = Schemas['Client'];

/**
 * An API key as stored: its `hash` (SHA-256 of `tukar-api-key:` followed by the key), never the secret.
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * const now = new Date().toISOString();
 * for (const key of await store.listApiKeys('ciamis/dinkes/simpus')) {
 *   const active = key.revokedAt === null && (key.expiresAt === null || key.expiresAt > now);
 *   console.log(`${key.keyId} ${key.prefix}… ${key.label ?? ''}: ${active ? 'active' : 'inactive'}, last used ${key.lastUsedAt ?? 'never'}`);
 * }
 * ```
 */
export interface ApiKeyRow {
  keyId: string;
  clientId: string;
  prefix: string;
  hash: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
}

/**
 * A client's access to a dataset.
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * for (const grant of await store.listGrants('ciamis/dinkes/simpus')) {
 *   console.log(`${grant.clientId} → ${grant.datasetId}: ${grant.access.join('+')} since ${grant.grantedAt}`);
 * }
 * ```
 */
export type GrantRow = Schemas['Grant'];

/**
 * An integration request as stored: everything but the fields computed at read time (`step`,
 * `stepDeadline`, `overdue`, `attachments`). `revision` increases with every update.
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * for (const row of await store.listIntegrations({ limit: 50, state: 'under-evaluation' })) {
 *   const last = row.history.at(-1);
 *   console.log(`${row.id} (rev ${row.revision}) ${row.title}, ${row.opd}, requested by ${row.requester.name}`);
 *   console.log(`  ${row.state} since ${row.stateSince}; last action ${last?.action ?? 'none'} by ${last?.actor ?? '-'}`);
 * }
 * ```
 */
export interface IntegrationRow {
  id: string;
  revision: number;
  state: Schemas['IntegrationState'];
  opd: string;
  /** The client that opened the request (it may act in the OPD's steps). */
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
  /** When the current state was entered (the start of the step's time limit). */
  stateSince: string;
  title: string;
  requester: Schemas['Requester'];
  purpose: string;
  consumers: string[];
  datasetId: string | null;
  contractVersion: string | null;
  history: Schemas['IntegrationEvent'][];
}

/**
 * An attachment's metadata and, when read one by one, its content.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * for (const row of await store.listAttachments('int_7Qx2LmP9aB3cD4eF')) {
 *   const found = await store.getAttachment(row.integrationId, row.id);
 *   if (found) await writeFile(`./lampiran/${row.kind}-${row.name}`, found.content); // row.size bytes
 * }
 * ```
 */
export type AttachmentRow = Schemas['Attachment'] & { integrationId: string };

/**
 * A stored validation report (`issues` included).
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * const [latest] = await store.listValidationReports({ limit: 1, datasetId: 'dinkes.puskesmas' });
 * if (latest) {
 *   const { verdict, issues } = latest.report;
 *   console.log(`${latest.id} submitted ${latest.submittedAt}: ${verdict}, ${issues.length} issue(s)`);
 * }
 * ```
 */
export interface ValidationReportRow {
  id: string;
  submittedAt: string;
  datasetId: string | null;
  integrationId: string | null;
  report: Schemas['ValidationReport'];
}

/**
 * One audit entry (see `GET /v1/audit`).
 *
 * @example
 * ```ts
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * for (const entry of await store.listAudit(0, 100, { datasetId: 'dinkes.puskesmas' })) {
 *   const who = entry.clientId ?? 'no key';
 *   console.log(`#${entry.seq} ${entry.at} ${who} ${entry.method} ${entry.path} → ${entry.status} (${entry.requestId})`);
 * }
 * ```
 */
export type AuditRow = Schemas['AuditEntry'];

/**
 * A page request for lists ordered by an ascending text id.
 *
 * @example
 * ```ts
 * import type { AfterPage } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * const page: AfterPage = { limit: 500 };
 * for (;;) {
 *   const rows = await store.listRecords('dinkes.puskesmas', page);
 *   for (const row of rows) console.log(row.json);
 *   if (rows.length < page.limit) break;
 *   page.after = rows[rows.length - 1]?.key; // the next page starts after the last key
 * }
 * ```
 */
export interface AfterPage {
  after?: string;
  limit: number;
}

/**
 * A page request for lists ordered newest first by `(createdAt, id)`.
 *
 * @example
 * ```ts
 * import type { BeforePage } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * const first: BeforePage = { limit: 20 };
 * const newest = await store.listIntegrations({ ...first, opd: 'Dinas Kesehatan' });
 * const last = newest.at(-1);
 * if (last) {
 *   const next: BeforePage = { before: { at: last.createdAt, id: last.id }, limit: 20 }; // older ones
 *   const older = await store.listIntegrations({ ...next, opd: 'Dinas Kesehatan' });
 * }
 * ```
 */
export interface BeforePage {
  before?: { at: string; id: string };
  limit: number;
}

/**
 * Where the hub keeps its state. Every method is atomic on its own; {@link Store.applyBatch} writes a
 * whole batch, its change-feed entries, the dataset counters and the idempotency answer in one
 * transaction. The conformance suite in the Tukar repository (`packages/hub/test/store-conformance.ts`,
 * not published with the package) holds every implementation to the same behaviour: the memory store,
 * SQLite and PostgreSQL; a store of your own can be run through it from a checkout.
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
export interface Store {
  readonly kind: StoreKind;

  // Contracts
  getContractVersion(contractId: string, version: string): Promise<ContractVersionRow | undefined>;
  /** Every version of a contract, in publishing order. */
  listContractVersions(contractId: string): Promise<ContractVersionRow[]>;
  /** Contract ids in ascending order, those with a version in `status` when given. */
  listContractIds(page: AfterPage & { status?: Schemas['ContractStatus'] }): Promise<string[]>;
  /**
   * Inserts a version (`expectedSha256: null`) or replaces a draft whose stored SHA-256 is
   * `expectedSha256`.
   */
  putContractVersion(row: ContractVersionRow, expectedSha256: string | null): Promise<boolean>;
  setContractVersionStatus(
    contractId: string,
    version: string,
    from: Schemas['ContractStatus'],
    to: Schemas['ContractStatus'],
    at: string,
  ): Promise<boolean>;

  // Datasets and records
  getDataset(id: string): Promise<DatasetRow | undefined>;
  /** Every dataset, ordered by id. */
  listDatasets(): Promise<DatasetRow[]>;
  createDataset(row: DatasetRow): Promise<boolean>;
  /** Re-pins a dataset from `fromVersion` to another contract version. */
  repinDataset(
    id: string,
    fromVersion: string,
    to: Pick<DatasetRow, 'contractVersion' | 'classification' | 'updateFrequency'>,
  ): Promise<boolean>;
  applyBatch(batch: BatchInput): Promise<BatchOutcome>;
  /** The stored answer of an idempotent request, if any. */
  getIdempotentAnswer(
    scope: string,
    key: string,
  ): Promise<{ requestHash: string; answer: StoredAnswer } | undefined>;
  getRecord(datasetId: string, key: string): Promise<RecordRow | undefined>;
  /** Records ordered by key (byte order), after `page.after`. */
  listRecords(datasetId: string, page: AfterPage): Promise<RecordRow[]>;
  /** Changes with `seq > since`, in order. */
  listChanges(datasetId: string, since: number, limit: number): Promise<ChangeRow[]>;

  // Clients, keys, grants
  createClient(row: ClientRow): Promise<boolean>;
  getClient(id: string): Promise<ClientRow | undefined>;
  listClients(): Promise<ClientRow[]>;
  createApiKey(row: ApiKeyRow): Promise<boolean>;
  getApiKeyByHash(hash: string): Promise<ApiKeyRow | undefined>;
  listApiKeys(clientId: string): Promise<ApiKeyRow[]>;
  revokeApiKey(clientId: string, keyId: string, at: string): Promise<boolean>;
  touchApiKey(keyId: string, at: string): Promise<void>;
  putGrant(row: GrantRow): Promise<void>;
  deleteGrant(clientId: string, datasetId: string): Promise<boolean>;
  listGrants(clientId: string): Promise<GrantRow[]>;

  // Integrations, attachments, validation reports
  createIntegration(row: IntegrationRow): Promise<boolean>;
  getIntegration(id: string): Promise<IntegrationRow | undefined>;
  /** Replaces the integration when its stored revision is `row.revision - 1`. */
  updateIntegration(row: IntegrationRow): Promise<boolean>;
  listIntegrations(
    page: BeforePage & { state?: Schemas['IntegrationState']; opd?: string },
  ): Promise<IntegrationRow[]>;
  createAttachment(row: AttachmentRow, content: Uint8Array): Promise<boolean>;
  /** Attachments of an integration without content, oldest first. */
  listAttachments(integrationId: string): Promise<AttachmentRow[]>;
  getAttachment(
    integrationId: string,
    id: string,
  ): Promise<{ row: AttachmentRow; content: Uint8Array } | undefined>;
  createValidationReport(row: ValidationReportRow): Promise<boolean>;
  getValidationReport(id: string): Promise<ValidationReportRow | undefined>;
  listValidationReports(
    page: BeforePage & { datasetId?: string; integrationId?: string },
  ): Promise<ValidationReportRow[]>;

  // Audit
  /** The last audit entry, or undefined when the log is empty. */
  lastAuditEntry(): Promise<AuditRow | undefined>;
  /** Appends an entry whose `seq` is the last one plus one; `false` when that seq is taken. */
  appendAuditEntry(row: AuditRow): Promise<boolean>;
  listAudit(
    since: number,
    limit: number,
    filter?: { clientId?: string; datasetId?: string },
  ): Promise<AuditRow[]>;

  // Secrets the hub keeps (e.g. the key of the audit log's record-key digests)
  /**
   * The secret stored under `name`; when there is none, stores `candidate` first and returns it. Every
   * instance on one database gets the same value (the first one stored wins).
   */
  keepSecret(name: string, candidate: string): Promise<string>;

  /** Cheap round trip to the database (for `GET /v1/health`). */
  ping(): Promise<void>;
  /** Releases connections and files; the store is unusable afterwards. */
  close(): Promise<void>;
}
