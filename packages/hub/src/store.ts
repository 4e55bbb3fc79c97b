import type { Schemas } from '@tukar/spec';

/** Which store backs a hub (reported by `GET /v1/health`). */
export type StoreKind = Schemas['Health']['store'];

/** A stored contract version; `document` is the contract as JSON. */
export interface ContractVersionRow {
  contractId: string;
  version: string;
  status: Schemas['ContractStatus'];
  sha256: string;
  document: Schemas['ContractDocument'];
  publishedAt: string;
  statusChangedAt: string;
}

/** A dataset, with the pinned contract's classification and update frequency copied at pin time. */
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

/** One stored record; `json` is its canonical JSON text (keys sorted), so equal records compare equal. */
export interface RecordRow {
  key: string;
  seq: number;
  updatedAt: string;
  json: string;
}

/** One entry of a dataset's changes feed; `json` is `null` for a delete (tombstone). */
export interface ChangeRow {
  seq: number;
  op: 'upsert' | 'delete';
  key: string;
  at: string;
  json: string | null;
}

/** A batch for {@link Store.applyBatch}: already validated and keyed by the core. */
export interface BatchInput {
  datasetId: string;
  at: string;
  /** Upserts in order; keys are unique within the batch. */
  upserts: ReadonlyArray<{ key: string; json: string }>;
  /** Keys to delete, applied after the upserts; unknown keys are skipped. */
  deletes: readonly string[];
  /** When given, the answer is stored with the batch in the same transaction. */
  idempotency?: IdempotencyInput;
}

/** The idempotency record written with a batch. */
export interface IdempotencyInput {
  /** Who and where: `<clientId> <datasetId>`; keys of different scopes never collide. */
  scope: string;
  key: string;
  /** SHA-256 of the request body, to tell a replay from a reuse with another body. */
  requestHash: string;
  /** Builds the stored answer from the batch's counts. */
  answer(counts: BatchCounts): StoredAnswer;
}

/** What a batch did. */
export interface BatchCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** The dataset's sequence after the batch. */
  seq: number;
}

/** An HTTP answer kept for idempotent replays. */
export interface StoredAnswer {
  status: number;
  body: string;
}

/** The result of {@link Store.applyBatch}. */
export type BatchOutcome =
  | { kind: 'applied'; counts: BatchCounts }
  | { kind: 'replay'; requestHash: string; answer: StoredAnswer }
  | { kind: 'missing-dataset' };

/** A registered OPD system or administrator. */
export type ClientRow = Schemas['Client'];

/** An API key as stored: its SHA-256 `hash`, never the secret. */
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

/** A client's access to a dataset. */
export type GrantRow = Schemas['Grant'];

/**
 * An integration request as stored: everything but the fields computed at read time (`step`,
 * `stepDeadline`, `overdue`, `attachments`). `revision` increases with every update.
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

/** An attachment's metadata and, when read one by one, its content. */
export type AttachmentRow = Schemas['Attachment'] & { integrationId: string };

/** A stored validation report (`issues` included). */
export interface ValidationReportRow {
  id: string;
  submittedAt: string;
  datasetId: string | null;
  integrationId: string | null;
  report: Schemas['ValidationReport'];
}

/** One audit entry (see `GET /v1/audit`). */
export type AuditRow = Schemas['AuditEntry'];

/** A page request for lists ordered by an ascending text id. */
export interface AfterPage {
  after?: string;
  limit: number;
}

/** A page request for lists ordered newest first by `(createdAt, id)`. */
export interface BeforePage {
  before?: { at: string; id: string };
  limit: number;
}

/**
 * Where the hub keeps its state. Every method is atomic on its own; {@link Store.applyBatch} writes a
 * whole batch, its change-feed entries, the dataset counters and the idempotency answer in one
 * transaction. The conformance suite (`test/store-conformance.ts`) holds every implementation to the
 * same behaviour: the memory store, SQLite and PostgreSQL.
 *
 * Methods that create return `false` when the row exists; methods that change return `false` when the
 * row is missing or the expected state did not match (compare-and-set).
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

  /** Cheap round trip to the database (for `GET /v1/health`). */
  ping(): Promise<void>;
  /** Releases connections and files; the store is unusable afterwards. */
  close(): Promise<void>;
}
