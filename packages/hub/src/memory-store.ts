import { changeItemText } from './change-item-text';
import type {
  ApiKeyRow,
  AttachmentRow,
  AuditCheckpointRow,
  AuditEntryInput,
  AuditRow,
  BatchInput,
  BatchOutcome,
  BeforePage,
  ChangeRow,
  ClientRow,
  ClientSigningKeyRow,
  ContractVersionRow,
  DatasetRow,
  GrantRow,
  IdempotencyRecord,
  IntegrationRow,
  RecordRow,
  Store,
  ValidationReportRow,
} from './store';
import { planBatch } from './store/plan-batch';

interface DatasetState {
  row: DatasetRow;
  records: Map<string, RecordRow>;
  /** Sorted keys, rebuilt lazily after writes (keyset pagination). */
  sortedKeys: string[] | null;
  changes: ChangeRow[];
}

const clone = <T>(value: T): T => structuredClone(value);

/** Newest first by `(at, id)`, after the `before` cursor. */
function pageBefore<T>(items: T[], page: BeforePage, at: (item: T) => string, id: (item: T) => string): T[] {
  const sorted = [...items].sort((a, b) =>
    at(a) === at(b) ? (id(a) < id(b) ? 1 : -1) : at(a) < at(b) ? 1 : -1,
  );
  const { before } = page;
  const from = before
    ? sorted.filter((item) => at(item) < before.at || (at(item) === before.at && id(item) < before.id))
    : sorted;
  return from.slice(0, page.limit).map(clone);
}

/**
 * First index in sorted `keys` greater than `after` (binary search).
 */
function firstAfter(keys: string[], after: string | undefined): number {
  if (after === undefined) return 0;
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A store that keeps everything in memory: for `@tukar/mock`, tests and demos. Nothing survives the
 * process. It runs anywhere (no Node-only imports), and rows handed out are copies, so callers cannot
 * change the stored state by accident.
 *
 * @example
 * ```ts
 * import { createHub, createMemoryStore } from '@tukar/hub';
 *
 * const hub = await createHub({ store: createMemoryStore(), adminKey: process.env.TUKAR_ADMIN_KEY });
 * const answer = await hub.fetch(new Request('http://hub.test/v1/health'));
 * ```
 */
export function createMemoryStore(): Store {
  const contracts = new Map<string, ContractVersionRow[]>();
  const datasets = new Map<string, DatasetState>();
  const idempotency = new Map<string, IdempotencyRecord>();
  const clients = new Map<string, ClientRow>();
  const keys = new Map<string, ApiKeyRow>();
  const grants = new Map<string, GrantRow>();
  const signingKeys: ClientSigningKeyRow[] = [];
  const integrations = new Map<string, IntegrationRow>();
  const attachments = new Map<string, { row: AttachmentRow; content: Uint8Array }>();
  const reports = new Map<string, ValidationReportRow>();
  const audit: AuditRow[] = [];
  const checkpoints: AuditCheckpointRow[] = [];
  let sealing = false;
  const appendAudit = (entry: AuditEntryInput) => {
    audit.push({ ...entry, seq: audit.length + 1, checkpoint: null });
  };
  const secrets = new Map<string, string>();
  const settings = new Map<string, string>();
  let closed = false;

  const open = () => {
    if (closed) throw new Error('The memory store is closed.');
  };
  const idemKey = (scope: string, key: string) => `${scope}\u0000${key}`;
  const grantKey = (clientId: string, datasetId: string) => `${clientId}\u0000${datasetId}`;
  const sortedKeysOf = (state: DatasetState) => {
    state.sortedKeys ??= [...state.records.keys()].sort();
    return state.sortedKeys;
  };

  let batchTurn: Promise<unknown> = Promise.resolve();
  async function applyOne(batch: BatchInput): Promise<BatchOutcome> {
    open();
    const state = datasets.get(batch.datasetId);
    if (!state) return { kind: 'missing-dataset' };
    const { idempotency: idem } = batch;
    const earlier = idem && idempotency.get(idemKey(idem.scope, idem.key));
    if (earlier) return { kind: 'replay', ...clone(earlier) };
    // Plan the whole batch first, then apply it: nothing is half-written if planning throws.
    const stored = new Map<string, string>();
    for (const { key } of batch.upserts) {
      const row = state.records.get(key);
      if (row) stored.set(key, row.json);
    }
    for (const key of batch.deletes) {
      const row = state.records.get(key);
      if (row) stored.set(key, row.json);
    }
    const plan = planBatch(batch, state.row.lastSeq, stored);
    const receipt = batch.receipt ? await batch.receipt({ ...plan.counts }) : undefined;
    open();
    for (const row of plan.upsertRows) state.records.set(row.key, row);
    for (const key of plan.deleteKeys) state.records.delete(key);
    if (plan.counts.created > 0 || plan.deleteKeys.length > 0) state.sortedKeys = null;
    state.changes.push(...plan.changes);
    if (plan.changes.length > 0) {
      state.row.lastSeq = plan.counts.seq;
      state.row.lastChangeAt = batch.at;
    }
    state.row.recordCount += plan.recordCountDelta;
    if (idem)
      idempotency.set(idemKey(idem.scope, idem.key), {
        requestHash: idem.requestHash,
        counts: plan.counts,
        ...(receipt !== undefined && { receipt }),
      });
    if (batch.audit) appendAudit(batch.audit);
    return { kind: 'applied', counts: { ...plan.counts }, ...(receipt !== undefined && { receipt }) };
  }

  const store: Store = {
    kind: 'memory',

    async getContractVersion(contractId, version) {
      open();
      const row = contracts.get(contractId)?.find((v) => v.version === version);
      return row && clone(row);
    },
    async listContractVersions(contractId) {
      open();
      return clone(contracts.get(contractId) ?? []);
    },
    async listContractIds({ after, limit, status }) {
      open();
      return [...contracts.entries()]
        .filter(([id, versions]) => (after === undefined || id > after) && versions.length > 0)
        .filter(([, versions]) => status === undefined || versions.some((v) => v.status === status))
        .map(([id]) => id)
        .sort()
        .slice(0, limit);
    },
    async putContractVersion(row, expectedSha256) {
      open();
      const versions = contracts.get(row.contractId) ?? [];
      const index = versions.findIndex((v) => v.version === row.version);
      if (expectedSha256 === null) {
        if (index !== -1) return false;
        versions.push(clone(row));
        contracts.set(row.contractId, versions);
        return true;
      }
      const current = versions[index];
      if (!current || current.sha256 !== expectedSha256 || current.status !== 'draft') return false;
      versions[index] = clone(row);
      return true;
    },
    async setContractVersionStatus(contractId, version, from, to, at) {
      open();
      const row = contracts.get(contractId)?.find((v) => v.version === version);
      if (!row || row.status !== from) return false;
      row.status = to;
      row.statusChangedAt = at;
      return true;
    },

    async getDataset(id) {
      open();
      const state = datasets.get(id);
      return state && clone(state.row);
    },
    async listDatasets() {
      open();
      return [...datasets.values()].map((s) => clone(s.row)).sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    async createDataset(row) {
      open();
      if (datasets.has(row.id)) return false;
      datasets.set(row.id, { row: clone(row), records: new Map(), sortedKeys: [], changes: [] });
      return true;
    },
    async repinDataset(id, fromVersion, to) {
      open();
      const state = datasets.get(id);
      if (!state || state.row.contractVersion !== fromVersion) return false;
      Object.assign(state.row, to);
      return true;
    },
    applyBatch(batch: BatchInput): Promise<BatchOutcome> {
      // Batches take turns (a receipt is signed between planning and writing), as in a database transaction.
      const run = batchTurn.then(() => applyOne(batch));
      batchTurn = run.catch(() => undefined);
      return run;
    },
    async getIdempotencyRecord(scope, key) {
      open();
      const stored = idempotency.get(idemKey(scope, key));
      return stored && clone(stored);
    },
    async getRecord(datasetId, key) {
      open();
      const row = datasets.get(datasetId)?.records.get(key);
      return row && { ...row };
    },
    async listRecords(datasetId, { after, limit }) {
      open();
      const state = datasets.get(datasetId);
      if (!state) return [];
      const sorted = sortedKeysOf(state);
      const start = firstAfter(sorted, after);
      return sorted.slice(start, start + limit).map((key) => ({ ...(state.records.get(key) as RecordRow) }));
    },
    async listChanges(datasetId, since, limit) {
      open();
      const changes = datasets.get(datasetId)?.changes ?? [];
      // Sequences are dense from 1, so `since` is also the index of the first change after it.
      return changes.slice(since, since + limit).map((c) => ({ ...c }));
    },
    async changeItems(datasetId, since, limit) {
      open();
      const changes = datasets.get(datasetId)?.changes ?? [];
      const items = changes.slice(since, since + limit);
      return {
        items: items.map(changeItemText).join(','),
        count: items.length,
        more: changes.length > since + items.length,
      };
    },

    async createClient(row) {
      open();
      if (clients.has(row.id)) return false;
      clients.set(row.id, clone(row));
      return true;
    },
    async getClient(id) {
      open();
      const row = clients.get(id);
      return row && clone(row);
    },
    async listClients() {
      open();
      return [...clients.values()].map(clone).sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    async createApiKey(row) {
      open();
      if (keys.has(row.keyId) || [...keys.values()].some((k) => k.hash === row.hash)) return false;
      keys.set(row.keyId, clone(row));
      return true;
    },
    async getApiKeyByHash(hash) {
      open();
      for (const row of keys.values()) if (row.hash === hash) return clone(row);
      return undefined;
    },
    async listApiKeys(clientId) {
      open();
      return [...keys.values()]
        .filter((k) => k.clientId === clientId)
        .sort((a, b) =>
          a.createdAt === b.createdAt ? (a.keyId < b.keyId ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
        )
        .map(clone);
    },
    async revokeApiKey(clientId, keyId, at) {
      open();
      const row = keys.get(keyId);
      if (!row || row.clientId !== clientId) return false;
      row.revokedAt ??= at;
      return true;
    },
    async touchApiKey(keyId, at) {
      open();
      const row = keys.get(keyId);
      if (row) row.lastUsedAt = at;
    },
    async putClientSigningKey(row) {
      open();
      if (signingKeys.some((k) => k.clientId === row.clientId && k.kid === row.kid)) return false;
      signingKeys.push(clone(row));
      return true;
    },
    async listClientSigningKeys(clientId) {
      open();
      return signingKeys
        .filter((k) => clientId === undefined || k.clientId === clientId)
        .sort((a, b) => {
          const [x, y] = [
            [a.clientId, a.createdAt, a.kid],
            [b.clientId, b.createdAt, b.kid],
          ];
          for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as string) < (y[i] as string) ? -1 : 1;
          return 0;
        })
        .map(clone);
    },
    async putGrant(row) {
      open();
      grants.set(grantKey(row.clientId, row.datasetId), clone(row));
    },
    async deleteGrant(clientId, datasetId) {
      open();
      return grants.delete(grantKey(clientId, datasetId));
    },
    async listGrants(clientId) {
      open();
      return [...grants.values()]
        .filter((g) => g.clientId === clientId)
        .sort((a, b) => (a.datasetId < b.datasetId ? -1 : 1))
        .map(clone);
    },

    async createIntegration(row) {
      open();
      if (integrations.has(row.id)) return false;
      integrations.set(row.id, clone(row));
      return true;
    },
    async getIntegration(id) {
      open();
      const row = integrations.get(id);
      return row && clone(row);
    },
    async updateIntegration(row) {
      open();
      const current = integrations.get(row.id);
      if (!current || current.revision !== row.revision - 1) return false;
      integrations.set(row.id, clone(row));
      return true;
    },
    async listIntegrations(page) {
      open();
      const matching = [...integrations.values()].filter(
        (i) =>
          (page.step === undefined || i.step === page.step) && (page.opd === undefined || i.opd === page.opd),
      );
      return pageBefore(
        matching,
        page,
        (i) => i.createdAt,
        (i) => i.id,
      );
    },
    async createAttachment(row, content) {
      open();
      if (attachments.has(row.id)) return false;
      attachments.set(row.id, { row: clone(row), content: content.slice() });
      return true;
    },
    async listAttachments(integrationId) {
      open();
      return [...attachments.values()]
        .map((a) => a.row)
        .filter((row) => row.integrationId === integrationId)
        .sort((a, b) =>
          a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
        )
        .map(clone);
    },
    async getAttachment(integrationId, id) {
      open();
      const stored = attachments.get(id);
      if (!stored || stored.row.integrationId !== integrationId) return undefined;
      return { row: clone(stored.row), content: stored.content.slice() };
    },
    async createValidationReport(row) {
      open();
      if (reports.has(row.id)) return false;
      reports.set(row.id, clone(row));
      return true;
    },
    async getValidationReport(id) {
      open();
      const row = reports.get(id);
      return row && clone(row);
    },
    async listValidationReports(page) {
      open();
      const matching = [...reports.values()].filter(
        (r) =>
          (page.datasetId === undefined || r.datasetId === page.datasetId) &&
          (page.integrationId === undefined || r.integrationId === page.integrationId),
      );
      return pageBefore(
        matching,
        page,
        (r) => r.submittedAt,
        (r) => r.id,
      );
    },

    async appendAuditEntries(entries) {
      open();
      for (const entry of entries) appendAudit(entry);
    },
    async listAudit(since, limit, filter = {}) {
      open();
      const out: AuditRow[] = [];
      for (let i = since; i < audit.length && out.length < limit; i++) {
        const row = audit[i] as AuditRow;
        if (filter.clientId !== undefined && row.clientId !== filter.clientId) continue;
        if (filter.datasetId !== undefined && row.datasetId !== filter.datasetId) continue;
        out.push({ ...row });
      }
      return out;
    },
    async sealAuditEntries(limit, seal) {
      open();
      if (sealing) return undefined; // one sealer at a time
      sealing = true;
      try {
        const entries = audit.filter((row) => row.checkpoint === null).slice(0, limit);
        if (entries.length === 0) return undefined;
        const checkpoint = await seal(
          entries.map((row) => ({ ...row })),
          checkpoints.at(-1) && { ...(checkpoints.at(-1) as AuditCheckpointRow) },
        );
        open();
        for (const row of entries) row.checkpoint = checkpoint.number;
        checkpoints.push({ ...checkpoint });
        return { ...checkpoint };
      } finally {
        sealing = false;
      }
    },
    async putAuditCheckpointTimestamp(number, token) {
      open();
      const row = checkpoints.find((c) => c.number === number);
      if (!row || row.timestampToken !== undefined) return false;
      row.timestampToken = token;
      return true;
    },
    async listAuditCheckpoints(since, limit) {
      open();
      return checkpoints
        .filter((c) => c.number > since)
        .slice(0, limit)
        .map((c) => ({ ...c }));
    },

    async keepSecret(name, candidate) {
      open();
      if (!secrets.has(name)) secrets.set(name, candidate);
      return secrets.get(name) as string;
    },

    async listSecrets(prefix) {
      open();
      return [...secrets]
        .filter(([name]) => name.startsWith(prefix))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, value]) => ({ name, value }));
    },
    async readSetting(name) {
      open();
      return settings.get(name);
    },
    async writeSetting(name, value) {
      open();
      if (value === undefined) settings.delete(name);
      else settings.set(name, value);
    },
    async ping() {
      open();
    },
    async close() {
      closed = true;
    },
  };
  return store;
}
