import type { Generated } from 'kysely';

/**
 * The tables of a SQL store, as Kysely sees them. Column names are snake_case; times are ISO 8601 text
 * (compared as text, as the memory store compares strings); JSON documents are text; booleans are
 * integers 0/1 so one code path serves SQLite and PostgreSQL. `int8` columns come back as numbers
 * (the PostgreSQL store parses them so).
 */
export interface HubDatabase {
  contract_versions: ContractVersionsTable;
  datasets: DatasetsTable;
  records: RecordsTable;
  changes: ChangesTable;
  idempotency: IdempotencyTable;
  clients: ClientsTable;
  api_keys: ApiKeysTable;
  grants: GrantsTable;
  integrations: IntegrationsTable;
  attachments: AttachmentsTable;
  validation_reports: ValidationReportsTable;
  audit: AuditTable;
  client_signing_keys: ClientSigningKeysTable;
  audit_checkpoints: AuditCheckpointsTable;
  hub_secrets: HubSecretsTable;
  hub_settings: HubSettingsTable;
}

export interface ContractVersionsTable {
  /** Insertion order: `listContractVersions` returns versions in publishing order. */
  ordinal: Generated<number>;
  contract_id: string;
  version: string;
  status: string;
  sha256: string;
  /** The contract document as JSON text. */
  document: string;
  published_at: string;
  status_changed_at: string;
}

export interface DatasetsTable {
  id: string;
  contract_id: string;
  contract_version: string;
  classification: string;
  update_frequency: string;
  created_at: string;
  last_seq: number;
  record_count: number;
  last_change_at: string | null;
}

export interface RecordsTable {
  dataset_id: string;
  key: string;
  seq: number;
  updated_at: string;
  /** Canonical JSON text, compared exactly to tell `unchanged` from `updated`. */
  json: string;
}

export interface ChangesTable {
  dataset_id: string;
  seq: number;
  op: string;
  key: string;
  at: string;
  json: string | null;
}

export interface IdempotencyTable {
  scope: string;
  key: string;
  request_hash: string;
  status: number;
  body: string;
  created_at: string;
  /** The signed receipt of the batch (compact JWS); `null` for rows stored before receipts. */
  receipt: string | null;
}

export interface ClientsTable {
  id: string;
  name: string;
  opd: string;
  role: string;
  /** The person the client's keys act for, as JSON text, or null (migration 0008). */
  person: string | null;
  created_at: string;
  disabled: number;
}

export interface ApiKeysTable {
  key_id: string;
  client_id: string;
  prefix: string;
  hash: string;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
}

export interface GrantsTable {
  client_id: string;
  dataset_id: string;
  /** The access list as JSON text (`["read","write"]`). */
  access: string;
  granted_at: string;
}

export interface IntegrationsTable {
  id: string;
  revision: number;
  /** The step of the pinned procedure (migration 0008; before it a `state` of the twelve-step table). */
  step: number;
  opd: string;
  created_at: string;
  /** The procedure the integration is pinned to (migration 0006; earlier rows: the default `ciamis@1.0.0`). */
  procedure_id: string;
  procedure_version: string;
  /** The whole integration row as JSON text; the columns above are copies for filters and order. */
  body: string;
}

export interface AttachmentsTable {
  id: string;
  integration_id: string;
  created_at: string;
  /** The attachment's metadata as JSON text. */
  meta: string;
  content: Uint8Array;
}

export interface ValidationReportsTable {
  id: string;
  submitted_at: string;
  dataset_id: string | null;
  integration_id: string | null;
  /** The report (issues included) as JSON text. */
  report: string;
}

/** The audit log (rebuilt by migration 0004): ids from the database, no link between entries. */
export interface AuditTable {
  seq: Generated<number>;
  at: string;
  request_id: string;
  client_id: string | null;
  method: string;
  path: string;
  dataset_id: string | null;
  status: number;
  body_sha256: string | null;
  leaf_hash: string;
  /** The number of the checkpoint that sealed the entry; null until sealed. */
  checkpoint: number | null;
  /** The client's origin signature of a signed batch (migration 0009); null otherwise. */
  origin_signature: string | null;
}

/** The public keys clients sign their batches with (migration 0009). */
export interface ClientSigningKeysTable {
  client_id: string;
  kid: string;
  /** The public JWK as JSON text. */
  jwk: string;
  created_at: string;
}

/** The audit log's signed checkpoints (migration 0004). */
export interface AuditCheckpointsTable {
  number: number;
  jws: string;
  /** The RFC 3161 time-stamp token (DER, base64), once the authority answered (migration 0010). */
  timestamp_token: Generated<string | null>;
}

/** Secrets the hub generates once and keeps (migration 0002). */
export interface HubSecretsTable {
  name: string;
  value: string;
}

/** Settings every instance on the database shares (maintenance mode); a row per set setting. */
export interface HubSettingsTable {
  name: string;
  value: string;
  updated_at: string;
}
