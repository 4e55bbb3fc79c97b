// Rows and batches for the Store conformance suite: complete rows with the fields a test cares about
// overridden.
import type {
  ApiKeyRow,
  AttachmentRow,
  AuditEntryInput,
  AuditRow,
  BatchInput,
  ClientRow,
  ContractVersionRow,
  DatasetRow,
  GrantRow,
  IdempotencyInput,
  IntegrationRow,
  Store,
  ValidationReportRow,
} from '../../src/store';

export const T0 = '2026-11-01T08:00:00.000Z';
export const at = (minute: number) => `2026-11-01T08:${String(minute).padStart(2, '0')}:00.000Z`;
export const sha = (n: number) => n.toString(16).padStart(64, '0');

export function contractVersion(
  contractId: string,
  version: string,
  overrides: Partial<ContractVersionRow> = {},
): ContractVersionRow {
  const status = overrides.status ?? 'draft';
  return {
    contractId,
    version,
    status,
    sha256: sha(1),
    document: {
      contract: contractId,
      version,
      status,
      title: 'Daftar Puskesmas',
      owner: { opd: 'Dinas Kesehatan', contact: 'simpus@dinkes.example.go.id' },
      steward: 'Diskominfo',
      classification: 'publik',
      compatibility: 'backward',
      updateFrequency: 'monthly',
      primaryKey: ['kode_puskesmas'],
      schema: { type: 'object', properties: { kode_puskesmas: { type: 'string' } } },
    },
    publishedAt: T0,
    statusChangedAt: T0,
    ...overrides,
  };
}

export function dataset(id: string, overrides: Partial<DatasetRow> = {}): DatasetRow {
  return {
    id,
    contractId: id,
    contractVersion: '1.0.0',
    classification: 'publik',
    updateFrequency: 'monthly',
    createdAt: T0,
    lastSeq: 0,
    recordCount: 0,
    lastChangeAt: null,
    ...overrides,
  };
}

export const client = (id: string, overrides: Partial<ClientRow> = {}): ClientRow => ({
  id,
  name: `System ${id}`,
  opd: 'Dinas Kesehatan',
  role: 'client',
  createdAt: T0,
  disabled: false,
  ...overrides,
});

export const apiKey = (keyId: string, overrides: Partial<ApiKeyRow> = {}): ApiKeyRow => ({
  keyId,
  clientId: 'ciamis/dinkes/simpus',
  prefix: `tk_${keyId}`,
  hash: `hash of ${keyId}`,
  label: null,
  createdAt: T0,
  lastUsedAt: null,
  revokedAt: null,
  expiresAt: null,
  ...overrides,
});

export const grant = (clientId: string, datasetId: string, overrides: Partial<GrantRow> = {}): GrantRow => ({
  clientId,
  datasetId,
  access: ['read'],
  grantedAt: T0,
  ...overrides,
});

export const integration = (id: string, overrides: Partial<IntegrationRow> = {}): IntegrationRow => ({
  id,
  revision: 1,
  step: 1,
  ended: false,
  opd: 'Dinas Kesehatan',
  requestedBy: 'ciamis/dinkes/simpus',
  createdAt: T0,
  updatedAt: T0,
  stepSince: T0,
  title: 'Integrasi SIMPUS',
  requester: { name: 'dr. Siti Rahmawati', contact: 'simpus@dinkes.example.go.id' },
  purpose: 'Laporan kunjungan',
  consumers: ['ciamis/bappeda/dashboard'],
  datasetId: null,
  contractVersion: null,
  procedureId: 'ciamis',
  procedureVersion: '1.0.0',
  history: [],
  ...overrides,
});

export const attachment = (
  id: string,
  integrationId: string,
  overrides: Partial<AttachmentRow> = {},
): AttachmentRow => ({
  id,
  integrationId,
  kind: 'document',
  name: 'berita-acara.pdf',
  mediaType: 'application/pdf',
  size: 256,
  sha256: sha(256),
  createdAt: T0,
  createdBy: 'ciamis/diskominfo/admin',
  ...overrides,
});

export const validationReport = (
  id: string,
  overrides: Partial<ValidationReportRow> = {},
): ValidationReportRow => {
  const row = { id, submittedAt: T0, datasetId: null, integrationId: null, ...overrides };
  return {
    ...row,
    report: {
      id,
      contractId: 'dinkes.puskesmas',
      contractVersion: '1.0.0',
      source: { kind: 'endpoint', location: 'https://simpus.dinkes.example.go.id/api/puskesmas' },
      startedAt: T0,
      finishedAt: T0,
      complete: true,
      verdict: 'invalid',
      counts: { records: 2, valid: 1, invalid: 1, issues: 1 },
      submittedAt: row.submittedAt,
      submittedBy: 'ciamis/dinkes/simpus',
      issues: [{ record: 1, path: '/nama', code: 'type', message: 'must be string' }],
      ...overrides.report,
    },
  };
};

/** The entry of request `n`, as the log hands it to the store (the leaf hash is not checked here). */
export const auditEntry = (n: number, overrides: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
  at: at(n % 60),
  requestId: `req-${n}`,
  clientId: 'ciamis/dinkes/simpus',
  method: 'POST',
  path: '/v1/datasets/dinkes.puskesmas/records',
  datasetId: 'dinkes.puskesmas',
  status: 200,
  bodySha256: sha(n),
  leafHash: sha(n + 1000),
  ...overrides,
});

/** The stored form of {@link auditEntry}: with its id, not sealed. */
export const storedAuditEntry = (
  seq: number,
  n = seq,
  overrides: Partial<AuditEntryInput> = {},
): AuditRow => ({
  ...auditEntry(n, overrides),
  seq,
  checkpoint: null,
});

/** A record's canonical JSON text (keys sorted), as the core hands it to the store. */
export const json = (value: Record<string, unknown>) =>
  JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))));

export const upsert = (key: string, nama = `Puskesmas ${key}`) => ({ key, json: json({ kode: key, nama }) });

export function batch(datasetId: string, overrides: Partial<BatchInput> = {}): BatchInput {
  return { datasetId, at: at(1), upserts: [], deletes: [], ...overrides };
}

/** An idempotency input; its request hash follows from the key's length. */
export function idempotency(scope: string, key: string): IdempotencyInput {
  return { scope, key, requestHash: sha(key.length + 4242) };
}

/** Every key of a dataset, read page by page with the keyset cursor. */
export async function allKeys(
  store: Pick<Store, 'listRecords'>,
  datasetId: string,
  limit: number,
): Promise<string[]> {
  const keys: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.listRecords(datasetId, { after, limit });
    keys.push(...page.map((row) => row.key));
    if (page.length < limit) return keys;
    after = page.at(-1)?.key;
  }
}

/** JavaScript's string order, which every store's keyset order must equal. */
export const sorted = (values: Iterable<string>) => [...values].sort();
