import type { Insertable, Selectable } from 'kysely';
import type {
  ApiKeyRow,
  AttachmentRow,
  AuditEntryInput,
  AuditRow,
  ClientRow,
  ClientSigningKeyRow,
  ContractVersionRow,
  DatasetRow,
  GrantRow,
  IntegrationRow,
  ValidationReportRow,
} from '../store';
import type {
  ApiKeysTable,
  AuditTable,
  ClientSigningKeysTable,
  ClientsTable,
  ContractVersionsTable,
  DatasetsTable,
  GrantsTable,
  IntegrationsTable,
  ValidationReportsTable,
} from './database';

// Conversions between the store's rows and the tables' rows. Reading parses JSON afresh, so every row
// handed out is a copy the caller may change freely.

export const contractVersionToDb = (row: ContractVersionRow): Insertable<ContractVersionsTable> => ({
  contract_id: row.contractId,
  version: row.version,
  status: row.status,
  sha256: row.sha256,
  document: JSON.stringify(row.document),
  published_at: row.publishedAt,
  status_changed_at: row.statusChangedAt,
});

export const contractVersionFromDb = (row: Selectable<ContractVersionsTable>): ContractVersionRow => ({
  contractId: row.contract_id,
  version: row.version,
  status: row.status as ContractVersionRow['status'],
  sha256: row.sha256,
  document: JSON.parse(row.document),
  publishedAt: row.published_at,
  statusChangedAt: row.status_changed_at,
});

export const datasetToDb = (row: DatasetRow): DatasetsTable => ({
  id: row.id,
  contract_id: row.contractId,
  contract_version: row.contractVersion,
  classification: row.classification,
  update_frequency: row.updateFrequency,
  created_at: row.createdAt,
  last_seq: row.lastSeq,
  record_count: row.recordCount,
  last_change_at: row.lastChangeAt,
});

export const datasetFromDb = (row: Selectable<DatasetsTable>): DatasetRow => ({
  id: row.id,
  contractId: row.contract_id,
  contractVersion: row.contract_version,
  classification: row.classification as DatasetRow['classification'],
  updateFrequency: row.update_frequency as DatasetRow['updateFrequency'],
  createdAt: row.created_at,
  lastSeq: Number(row.last_seq),
  recordCount: Number(row.record_count),
  lastChangeAt: row.last_change_at,
});

export const clientToDb = (row: ClientRow): ClientsTable => ({
  id: row.id,
  name: row.name,
  opd: row.opd,
  role: row.role,
  person: row.person === undefined ? null : JSON.stringify(row.person),
  created_at: row.createdAt,
  disabled: row.disabled ? 1 : 0,
});

export const clientFromDb = (row: Selectable<ClientsTable>): ClientRow => ({
  id: row.id,
  name: row.name,
  opd: row.opd,
  role: row.role as ClientRow['role'],
  ...(row.person !== null && row.person !== undefined && { person: JSON.parse(row.person) }),
  createdAt: row.created_at,
  disabled: Number(row.disabled) !== 0,
});

export const apiKeyToDb = (row: ApiKeyRow): ApiKeysTable => ({
  key_id: row.keyId,
  client_id: row.clientId,
  prefix: row.prefix,
  hash: row.hash,
  label: row.label,
  created_at: row.createdAt,
  last_used_at: row.lastUsedAt,
  revoked_at: row.revokedAt,
  expires_at: row.expiresAt,
});

export const apiKeyFromDb = (row: Selectable<ApiKeysTable>): ApiKeyRow => ({
  keyId: row.key_id,
  clientId: row.client_id,
  prefix: row.prefix,
  hash: row.hash,
  label: row.label,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
  expiresAt: row.expires_at,
});

export const grantToDb = (row: GrantRow): GrantsTable => ({
  client_id: row.clientId,
  dataset_id: row.datasetId,
  access: JSON.stringify(row.access),
  granted_at: row.grantedAt,
});

export const grantFromDb = (row: Selectable<GrantsTable>): GrantRow => ({
  clientId: row.client_id,
  datasetId: row.dataset_id,
  access: JSON.parse(row.access),
  grantedAt: row.granted_at,
});

export const integrationToDb = (row: IntegrationRow): IntegrationsTable => ({
  id: row.id,
  revision: row.revision,
  step: row.step,
  opd: row.opd,
  created_at: row.createdAt,
  procedure_id: row.procedureId,
  procedure_version: row.procedureVersion,
  body: JSON.stringify(row),
});

/** The stored row; the procedure columns pin rows written before migration 0006 (their JSON has none). */
export const integrationFromDb = (
  row: Pick<IntegrationsTable, 'body' | 'procedure_id' | 'procedure_version'>,
): IntegrationRow => ({
  ...JSON.parse(row.body),
  procedureId: row.procedure_id,
  procedureVersion: row.procedure_version,
});

export const attachmentFromDb = (row: { meta: string }): AttachmentRow => JSON.parse(row.meta);

export const validationReportToDb = (row: ValidationReportRow): ValidationReportsTable => ({
  id: row.id,
  submitted_at: row.submittedAt,
  dataset_id: row.datasetId,
  integration_id: row.integrationId,
  report: JSON.stringify(row.report),
});

export const validationReportFromDb = (row: Selectable<ValidationReportsTable>): ValidationReportRow => ({
  id: row.id,
  submittedAt: row.submitted_at,
  datasetId: row.dataset_id,
  integrationId: row.integration_id,
  report: JSON.parse(row.report),
});

export const auditToDb = (row: AuditEntryInput): Insertable<AuditTable> => ({
  at: row.at,
  request_id: row.requestId,
  client_id: row.clientId,
  method: row.method,
  path: row.path,
  dataset_id: row.datasetId,
  status: row.status,
  body_sha256: row.bodySha256,
  leaf_hash: row.leafHash,
  origin_signature: row.originSignature ?? null,
});

export const auditFromDb = (row: Selectable<AuditTable>): AuditRow => ({
  seq: Number(row.seq),
  at: row.at,
  requestId: row.request_id,
  clientId: row.client_id,
  method: row.method,
  path: row.path,
  datasetId: row.dataset_id,
  status: Number(row.status),
  bodySha256: row.body_sha256,
  leafHash: row.leaf_hash,
  checkpoint: row.checkpoint === null ? null : Number(row.checkpoint),
  ...(row.origin_signature !== null && { originSignature: row.origin_signature }),
});

export const clientSigningKeyToDb = (row: ClientSigningKeyRow): ClientSigningKeysTable => ({
  client_id: row.clientId,
  kid: row.kid,
  jwk: JSON.stringify(row.jwk),
  created_at: row.createdAt,
});

export const clientSigningKeyFromDb = (row: Selectable<ClientSigningKeysTable>): ClientSigningKeyRow => ({
  clientId: row.client_id,
  kid: row.kid,
  jwk: JSON.parse(row.jwk),
  createdAt: row.created_at,
});

/** The bytes as a fresh `Uint8Array` (drivers return Node `Buffer`s, often views into a shared pool). */
export const bytesFromDb = (content: Uint8Array): Uint8Array => new Uint8Array(content);

/** A `Buffer` view of the bytes, as the drivers bind binary parameters. */
export const bytesToDb = (content: Uint8Array): Uint8Array =>
  Buffer.from(content.buffer, content.byteOffset, content.byteLength);
