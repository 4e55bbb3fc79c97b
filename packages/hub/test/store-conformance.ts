import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ApiKeyRow,
  AttachmentRow,
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
} from '../src/store';

// Fixtures: complete rows with the fields a test cares about overridden.

const T0 = '2026-11-01T08:00:00.000Z';
const at = (minute: number) => `2026-11-01T08:${String(minute).padStart(2, '0')}:00.000Z`;
const sha = (n: number) => n.toString(16).padStart(64, '0');

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

const client = (id: string, overrides: Partial<ClientRow> = {}): ClientRow => ({
  id,
  name: `System ${id}`,
  opd: 'Dinas Kesehatan',
  role: 'client',
  createdAt: T0,
  disabled: false,
  ...overrides,
});

const apiKey = (keyId: string, overrides: Partial<ApiKeyRow> = {}): ApiKeyRow => ({
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

const grant = (clientId: string, datasetId: string, overrides: Partial<GrantRow> = {}): GrantRow => ({
  clientId,
  datasetId,
  access: ['read'],
  grantedAt: T0,
  ...overrides,
});

const integration = (id: string, overrides: Partial<IntegrationRow> = {}): IntegrationRow => ({
  id,
  revision: 1,
  state: 'requested',
  opd: 'Dinas Kesehatan',
  requestedBy: 'ciamis/dinkes/simpus',
  createdAt: T0,
  updatedAt: T0,
  stateSince: T0,
  title: 'Integrasi SIMPUS',
  requester: { name: 'dr. Siti Rahmawati', contact: 'simpus@dinkes.example.go.id' },
  purpose: 'Laporan kunjungan',
  consumers: ['ciamis/bappeda/dashboard'],
  datasetId: null,
  contractVersion: null,
  history: [],
  ...overrides,
});

const attachment = (
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

const validationReport = (id: string, overrides: Partial<ValidationReportRow> = {}): ValidationReportRow => {
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

const auditEntry = (seq: number, overrides: Partial<AuditRow> = {}): AuditRow => ({
  seq,
  at: at(seq % 60),
  requestId: `req-${seq}`,
  clientId: 'ciamis/dinkes/simpus',
  method: 'POST',
  path: '/v1/datasets/dinkes.puskesmas/records',
  datasetId: 'dinkes.puskesmas',
  status: 200,
  bodySha256: sha(seq),
  prevHash: sha(seq - 1),
  hash: sha(seq + 1000),
  ...overrides,
});

/** A record's canonical JSON text (keys sorted), as the core hands it to the store. */
const json = (value: Record<string, unknown>) =>
  JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))));

const upsert = (key: string, nama = `Puskesmas ${key}`) => ({ key, json: json({ kode: key, nama }) });

function batch(datasetId: string, overrides: Partial<BatchInput> = {}): BatchInput {
  return { datasetId, at: at(1), upserts: [], deletes: [], ...overrides };
}

/** An idempotency input; its request hash follows from the key's length. */
function idempotency(scope: string, key: string): IdempotencyInput {
  return { scope, key, requestHash: sha(key.length + 4242) };
}

/** Every key of a dataset, read page by page with the keyset cursor. */
async function allKeys(store: Store, datasetId: string, limit: number): Promise<string[]> {
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
const sorted = (values: Iterable<string>) => [...values].sort();

/**
 * The behaviour every {@link Store} shares, as a vitest suite: the memory store is the reference, and
 * the SQLite and PostgreSQL stores must answer exactly as it does.
 *
 * @param name names the store in the suite's title.
 * @param open opens a fresh, empty store; it is called before every test and the store is closed after it.
 * @param cleanup runs once after the suite (remove temp files, drop schemas).
 *
 * @example
 * ```ts
 * import { createMemoryStore } from '../src/memory-store';
 * import { describeStoreConformance } from './store-conformance';
 *
 * describeStoreConformance('memory store', async () => createMemoryStore());
 * ```
 */
export function describeStoreConformance(
  name: string,
  open: () => Promise<Store>,
  cleanup?: () => Promise<void>,
): void {
  describe(`${name} conforms to the Store contract`, () => {
    let store: Store;
    const opened: Store[] = [];
    beforeEach(async () => {
      store = await open();
      opened.push(store);
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });
    if (cleanup) afterAll(cleanup);

    it('reports its kind and answers ping', async () => {
      expect(['memory', 'sqlite', 'postgres']).toContain(store.kind);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('contract versions', () => {
      it('stores a version and returns it as given', async () => {
        const row = contractVersion('dinkes.puskesmas', '1.0.0');
        expect(await store.putContractVersion(row, null)).toBe(true);
        expect(await store.getContractVersion('dinkes.puskesmas', '1.0.0')).toEqual(row);
        expect(await store.getContractVersion('dinkes.puskesmas', '2.0.0')).toBeUndefined();
        expect(await store.getContractVersion('dinkes.other', '1.0.0')).toBeUndefined();
      });

      it('refuses to insert a version twice and keeps the first', async () => {
        const first = contractVersion('dinkes.puskesmas', '1.0.0');
        await store.putContractVersion(first, null);
        expect(await store.putContractVersion({ ...first, sha256: sha(2) }, null)).toBe(false);
        expect(await store.getContractVersion('dinkes.puskesmas', '1.0.0')).toEqual(first);
      });

      it('lists versions in publishing order, not version order', async () => {
        for (const version of ['1.0.0', '0.9.0', '2.0.0', '1.10.0']) {
          await store.putContractVersion(contractVersion('dinkes.puskesmas', version), null);
        }
        await store.putContractVersion(contractVersion('dinkes.other', '1.0.0'), null);
        const versions = await store.listContractVersions('dinkes.puskesmas');
        expect(versions.map((v) => v.version)).toEqual(['1.0.0', '0.9.0', '2.0.0', '1.10.0']);
        expect(await store.listContractVersions('dinkes.none')).toEqual([]);
      });

      it('replaces a draft only when the stored SHA-256 is the expected one (compare-and-set)', async () => {
        await store.putContractVersion(contractVersion('c.a', '1.0.0'), null);
        await store.putContractVersion(contractVersion('c.a', '1.1.0'), null);
        const replacement = contractVersion('c.a', '1.0.0', { sha256: sha(2), publishedAt: at(5) });
        replacement.document.title = 'Daftar Puskesmas (revisi)';
        expect(await store.putContractVersion(replacement, sha(9))).toBe(false);
        expect((await store.getContractVersion('c.a', '1.0.0'))?.sha256).toBe(sha(1));
        expect(await store.putContractVersion(replacement, sha(1))).toBe(true);
        expect(await store.getContractVersion('c.a', '1.0.0')).toEqual(replacement);
        // The replaced version keeps its place in publishing order.
        expect((await store.listContractVersions('c.a')).map((v) => v.version)).toEqual(['1.0.0', '1.1.0']);
        // The old SHA-256 no longer matches.
        expect(
          await store.putContractVersion(contractVersion('c.a', '1.0.0', { sha256: sha(3) }), sha(1)),
        ).toBe(false);
      });

      it('never replaces a version that is no longer a draft, nor one that does not exist', async () => {
        await store.putContractVersion(contractVersion('c.a', '1.0.0', { status: 'agreed' }), null);
        expect(
          await store.putContractVersion(contractVersion('c.a', '1.0.0', { sha256: sha(2) }), sha(1)),
        ).toBe(false);
        expect((await store.getContractVersion('c.a', '1.0.0'))?.sha256).toBe(sha(1));
        expect(await store.putContractVersion(contractVersion('c.a', '9.0.0'), sha(1))).toBe(false);
        expect(await store.getContractVersion('c.a', '9.0.0')).toBeUndefined();
      });

      it('changes a status only from the expected one', async () => {
        await store.putContractVersion(contractVersion('c.a', '1.0.0'), null);
        expect(await store.setContractVersionStatus('c.a', '1.0.0', 'agreed', 'deprecated', at(3))).toBe(
          false,
        );
        expect(await store.setContractVersionStatus('c.a', '1.0.0', 'draft', 'agreed', at(3))).toBe(true);
        const row = await store.getContractVersion('c.a', '1.0.0');
        expect(row?.status).toBe('agreed');
        expect(row?.statusChangedAt).toBe(at(3));
        expect(row?.publishedAt).toBe(T0);
        expect(await store.setContractVersionStatus('c.a', '1.0.0', 'draft', 'agreed', at(4))).toBe(false);
        expect(await store.setContractVersionStatus('c.a', '2.0.0', 'draft', 'agreed', at(4))).toBe(false);
      });

      it('lists contract ids in ascending order, after a cursor, by status', async () => {
        const ids = ['dinkes.b', 'Dinkes.A', 'dinkes.a', 'dinkes-a', 'dinkes_a', 'bappeda.x'];
        for (const id of ids) await store.putContractVersion(contractVersion(id, '1.0.0'), null);
        await store.putContractVersion(contractVersion('dinkes.b', '2.0.0'), null);
        await store.setContractVersionStatus('dinkes.a', '1.0.0', 'draft', 'agreed', at(2));
        await store.setContractVersionStatus('dinkes.b', '2.0.0', 'draft', 'agreed', at(2));
        expect(await store.listContractIds({ limit: 100 })).toEqual(sorted(ids));
        expect(await store.listContractIds({ limit: 2 })).toEqual(sorted(ids).slice(0, 2));
        expect(await store.listContractIds({ after: 'dinkes-a', limit: 100 })).toEqual(
          sorted(ids).filter((id) => id > 'dinkes-a'),
        );
        expect(await store.listContractIds({ limit: 100, status: 'agreed' })).toEqual([
          'dinkes.a',
          'dinkes.b',
        ]);
        expect(await store.listContractIds({ after: 'dinkes.a', limit: 100, status: 'agreed' })).toEqual([
          'dinkes.b',
        ]);
        expect(await store.listContractIds({ limit: 100, status: 'retired' })).toEqual([]);
      });
    });

    describe('datasets', () => {
      it('creates, reads and lists datasets ordered by id; a second create is refused', async () => {
        for (const id of ['dinkes.puskesmas', 'Bappeda.x', 'dinkes.apotek']) {
          expect(await store.createDataset(dataset(id))).toBe(true);
        }
        expect(await store.createDataset(dataset('dinkes.apotek', { contractVersion: '9.9.9' }))).toBe(false);
        expect(await store.getDataset('dinkes.apotek')).toEqual(dataset('dinkes.apotek'));
        expect(await store.getDataset('dinkes.none')).toBeUndefined();
        expect((await store.listDatasets()).map((d) => d.id)).toEqual([
          'Bappeda.x',
          'dinkes.apotek',
          'dinkes.puskesmas',
        ]);
      });

      it('re-pins only from the expected version, keeping records and counters', async () => {
        await store.createDataset(dataset('ds'));
        await store.applyBatch(batch('ds', { upserts: [upsert('a')] }));
        const to = {
          contractVersion: '2.0.0',
          classification: 'terbatas',
          updateFrequency: 'daily',
        } as const;
        expect(await store.repinDataset('ds', '0.9.0', to)).toBe(false);
        expect(await store.repinDataset('none', '1.0.0', to)).toBe(false);
        expect(await store.repinDataset('ds', '1.0.0', to)).toBe(true);
        expect(await store.getDataset('ds')).toEqual({
          ...dataset('ds', to),
          lastSeq: 1,
          recordCount: 1,
          lastChangeAt: at(1),
        });
        expect(await store.getRecord('ds', 'a')).toBeDefined();
        expect(await store.repinDataset('ds', '1.0.0', to)).toBe(false);
      });
    });

    describe('batches', () => {
      beforeEach(async () => {
        await store.createDataset(dataset('ds'));
      });

      it('creates records with one sequence each and moves the dataset counters', async () => {
        const outcome = await store.applyBatch(
          batch('ds', { upserts: [upsert('b'), upsert('a'), upsert('c')], at: at(2) }),
        );
        expect(outcome).toEqual({
          kind: 'applied',
          counts: { created: 3, updated: 0, unchanged: 0, deleted: 0, seq: 3 },
        });
        expect(await store.getRecord('ds', 'b')).toEqual({ seq: 1, updatedAt: at(2), ...upsert('b') });
        expect(await store.getRecord('ds', 'c')).toEqual({ seq: 3, updatedAt: at(2), ...upsert('c') });
        expect(await store.getRecord('ds', 'z')).toBeUndefined();
        expect(await store.getRecord('other', 'b')).toBeUndefined();
        expect(await store.getDataset('ds')).toEqual(
          dataset('ds', { lastSeq: 3, recordCount: 3, lastChangeAt: at(2) }),
        );
      });

      it('tells updated from unchanged by the exact JSON text; unchanged records take no sequence', async () => {
        await store.applyBatch(batch('ds', { upserts: [upsert('a'), upsert('b'), upsert('c')] }));
        const outcome = await store.applyBatch(
          batch('ds', {
            at: at(3),
            upserts: [upsert('a'), upsert('b', 'Puskesmas Baru'), upsert('d')],
            // The same value with other whitespace is other text: an update.
            deletes: [],
          }),
        );
        expect(outcome).toEqual({
          kind: 'applied',
          counts: { created: 1, updated: 1, unchanged: 1, deleted: 0, seq: 5 },
        });
        expect(await store.getRecord('ds', 'a')).toEqual({ seq: 1, updatedAt: at(1), ...upsert('a') });
        expect(await store.getRecord('ds', 'b')).toEqual({
          seq: 4,
          updatedAt: at(3),
          ...upsert('b', 'Puskesmas Baru'),
        });
        const spaced = { key: 'c', json: JSON.stringify({ kode: 'c', nama: 'Puskesmas c' }, null, 1) };
        const third = await store.applyBatch(batch('ds', { upserts: [spaced] }));
        expect(third).toMatchObject({ counts: { updated: 1, unchanged: 0, seq: 6 } });
        expect((await store.getRecord('ds', 'c'))?.json).toBe(spaced.json);
      });

      it('deletes after the upserts, skips unknown keys, and counts what it removed', async () => {
        await store.applyBatch(batch('ds', { upserts: [upsert('a'), upsert('b'), upsert('c')] }));
        const outcome = await store.applyBatch(
          batch('ds', { at: at(4), upserts: [upsert('d')], deletes: ['nope', 'a', 'c', 'also-nope'] }),
        );
        expect(outcome).toEqual({
          kind: 'applied',
          counts: { created: 1, updated: 0, unchanged: 0, deleted: 2, seq: 6 },
        });
        expect(await store.getRecord('ds', 'a')).toBeUndefined();
        expect(await store.getDataset('ds')).toMatchObject({
          lastSeq: 6,
          recordCount: 2,
          lastChangeAt: at(4),
        });
        expect(await store.listChanges('ds', 3, 10)).toEqual([
          { seq: 4, op: 'upsert', key: 'd', at: at(4), json: upsert('d').json },
          { seq: 5, op: 'delete', key: 'a', at: at(4), json: null },
          { seq: 6, op: 'delete', key: 'c', at: at(4), json: null },
        ]);
      });

      it('applies an upsert then a delete of the same new key in one batch', async () => {
        const outcome = await store.applyBatch(
          batch('ds', { upserts: [upsert('x'), upsert('y')], deletes: ['x'] }),
        );
        expect(outcome).toEqual({
          kind: 'applied',
          counts: { created: 2, updated: 0, unchanged: 0, deleted: 1, seq: 3 },
        });
        expect(await store.getRecord('ds', 'x')).toBeUndefined();
        expect((await store.listRecords('ds', { limit: 10 })).map((r) => r.key)).toEqual(['y']);
        expect(await store.getDataset('ds')).toMatchObject({ recordCount: 1, lastSeq: 3 });
        expect((await store.listChanges('ds', 0, 10)).map((c) => [c.seq, c.op, c.key])).toEqual([
          [1, 'upsert', 'x'],
          [2, 'upsert', 'y'],
          [3, 'delete', 'x'],
        ]);
      });

      it('deletes a stored key that the same batch leaves unchanged or updates', async () => {
        await store.applyBatch(batch('ds', { upserts: [upsert('a'), upsert('b')] }));
        const outcome = await store.applyBatch(
          batch('ds', { upserts: [upsert('a'), upsert('b', 'Baru')], deletes: ['a', 'b'] }),
        );
        expect(outcome).toEqual({
          kind: 'applied',
          counts: { created: 0, updated: 1, unchanged: 1, deleted: 2, seq: 5 },
        });
        expect(await store.listRecords('ds', { limit: 10 })).toEqual([]);
        expect(await store.getDataset('ds')).toMatchObject({ recordCount: 0, lastSeq: 5 });
      });

      it('leaves the dataset as it was for an empty batch or one that changes nothing', async () => {
        expect(await store.applyBatch(batch('ds'))).toEqual({
          kind: 'applied',
          counts: { created: 0, updated: 0, unchanged: 0, deleted: 0, seq: 0 },
        });
        expect(await store.getDataset('ds')).toEqual(dataset('ds'));
        await store.applyBatch(batch('ds', { upserts: [upsert('a')] }));
        const again = await store.applyBatch(
          batch('ds', { at: at(9), upserts: [upsert('a')], deletes: ['zz'] }),
        );
        expect(again).toEqual({
          kind: 'applied',
          counts: { created: 0, updated: 0, unchanged: 1, deleted: 0, seq: 1 },
        });
        expect(await store.getDataset('ds')).toMatchObject({
          lastSeq: 1,
          recordCount: 1,
          lastChangeAt: at(1),
        });
      });

      it('answers missing-dataset and stores nothing, not even the idempotency answer', async () => {
        const outcome = await store.applyBatch(
          batch('none', { upserts: [upsert('a')], idempotency: idempotency('c1 none', 'k1') }),
        );
        expect(outcome).toEqual({ kind: 'missing-dataset' });
        expect(await store.getIdempotencyRecord('c1 none', 'k1')).toBeUndefined();
        expect(await store.getRecord('none', 'a')).toBeUndefined();
        expect(await store.listChanges('none', 0, 10)).toEqual([]);
        expect(await store.listRecords('none', { limit: 10 })).toEqual([]);
      });

      it('stores the idempotency answer with the batch and replays it without applying again', async () => {
        const first = await store.applyBatch(
          batch('ds', {
            upserts: [upsert('a'), upsert('b')],
            idempotency: idempotency('c1 ds', 'key-1'),
          }),
        );
        const counts = { created: 2, updated: 0, unchanged: 0, deleted: 0, seq: 2 };
        expect(first).toEqual({ kind: 'applied', counts });
        const stored = { requestHash: sha(5 + 4242), counts };
        expect(await store.getIdempotencyRecord('c1 ds', 'key-1')).toEqual(stored);

        // Same key, another body: the store replays; telling a reuse from a replay is the caller's job.
        const replay = await store.applyBatch(
          batch('ds', {
            upserts: [upsert('z')],
            deletes: ['a'],
            idempotency: idempotency('c1 ds', 'key-1'),
          }),
        );
        expect(replay).toEqual({ kind: 'replay', ...stored });
        expect(await store.getRecord('ds', 'z')).toBeUndefined();
        expect(await store.getDataset('ds')).toMatchObject({ lastSeq: 2, recordCount: 2 });
        expect(await store.getIdempotencyRecord('c1 ds', 'key-2')).toBeUndefined();
        expect(await store.getIdempotencyRecord('c2 ds', 'key-1')).toBeUndefined();
      });

      it('keeps idempotency keys of different scopes apart', async () => {
        await store.applyBatch(
          batch('ds', { upserts: [upsert('a')], idempotency: idempotency('c1 ds', 'same') }),
        );
        const other = await store.applyBatch(
          batch('ds', { upserts: [upsert('b')], idempotency: idempotency('c2 ds', 'same') }),
        );
        expect(other).toEqual({
          kind: 'applied',
          counts: { created: 1, updated: 0, unchanged: 0, deleted: 0, seq: 2 },
        });
        // A scope that is another scope's prefix plus the key's start does not collide either.
        const tricky = await store.applyBatch(
          batch('ds', { upserts: [upsert('c')], idempotency: idempotency('c1 dss', 'ame') }),
        );
        expect(tricky.kind).toBe('applied');
        expect((await store.getIdempotencyRecord('c2 ds', 'same'))?.counts.seq).toBe(2);
      });

      it('writes nothing when reading the batch fails while it is planned', async () => {
        // The second record's text cannot be read: the store fails after reading the stored records.
        const unreadable = {
          key: 'b',
          get json(): string {
            throw new Error('record text unreadable');
          },
        };
        const failing: IdempotencyInput = { scope: 'c1 ds', key: 'boom', requestHash: sha(1) };
        await expect(
          store.applyBatch(batch('ds', { upserts: [upsert('a'), unreadable], idempotency: failing })),
        ).rejects.toThrow(/record text unreadable/);
        expect(await store.getRecord('ds', 'a')).toBeUndefined();
        expect(await store.listChanges('ds', 0, 10)).toEqual([]);
        expect(await store.getDataset('ds')).toEqual(dataset('ds'));
        expect(await store.getIdempotencyRecord('c1 ds', 'boom')).toBeUndefined();
        // The store still works afterwards.
        expect((await store.applyBatch(batch('ds', { upserts: [upsert('a')] }))).kind).toBe('applied');
      });

      it("writes the batch's audit entry in its transaction, and nothing at all when the entry is behind", async () => {
        await store.appendAuditEntry(auditEntry(1));
        const applied = await store.applyBatch(
          batch('ds', {
            upserts: [upsert('a')],
            idempotency: idempotency('c1 ds', 'audited'),
            audit: auditEntry(2, { datasetId: 'ds' }),
          }),
        );
        expect(applied.kind).toBe('applied');
        expect(await store.lastAuditEntry()).toEqual(auditEntry(2, { datasetId: 'ds' }));

        // Another writer appended entry 3 meanwhile: a batch carrying its own entry 3 writes nothing.
        await store.appendAuditEntry(auditEntry(3));
        const behind = await store.applyBatch(
          batch('ds', {
            upserts: [upsert('b')],
            deletes: ['a'],
            idempotency: idempotency('c1 ds', 'late'),
            audit: auditEntry(3, { requestId: 'late', datasetId: 'ds' }),
          }),
        );
        expect(behind).toEqual({ kind: 'audit-behind' });
        expect(await store.getRecord('ds', 'a')).toMatchObject({ key: 'a', seq: 1 });
        expect(await store.getRecord('ds', 'b')).toBeUndefined();
        expect(await store.getDataset('ds')).toMatchObject({ lastSeq: 1, recordCount: 1 });
        expect(await store.getIdempotencyRecord('c1 ds', 'late')).toBeUndefined();
        expect((await store.listAudit(0, 10)).map((e) => e.requestId)).toEqual([
          auditEntry(1).requestId,
          auditEntry(2).requestId,
          auditEntry(3).requestId,
        ]);

        // A replay and a batch for a missing dataset write no entry either.
        const replay = await store.applyBatch(
          batch('ds', {
            upserts: [upsert('c')],
            idempotency: idempotency('c1 ds', 'audited'),
            audit: auditEntry(4),
          }),
        );
        expect(replay.kind).toBe('replay');
        const missing = await store.applyBatch(
          batch('nope', { upserts: [upsert('c')], audit: auditEntry(4) }),
        );
        expect(missing).toEqual({ kind: 'missing-dataset' });
        expect((await store.lastAuditEntry())?.seq).toBe(3);
      });

      it('applies concurrent batches one after another with dense sequences', async () => {
        const outcomes = await Promise.all(
          Array.from({ length: 8 }, (_, n) =>
            store.applyBatch(
              batch('ds', { upserts: [upsert(`k${n}-1`), upsert(`k${n}-2`), upsert(`k${n}-3`)] }),
            ),
          ),
        );
        const ends = outcomes.map((o) => (o.kind === 'applied' ? o.counts.seq : -1)).sort((a, b) => a - b);
        expect(ends).toEqual([3, 6, 9, 12, 15, 18, 21, 24]);
        const changes = await store.listChanges('ds', 0, 100);
        expect(changes.map((c) => c.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
        expect(await store.getDataset('ds')).toMatchObject({ lastSeq: 24, recordCount: 24 });
      });

      it('answers concurrent requests with one idempotency key once, replaying for the others', async () => {
        const outcomes = await Promise.all(
          Array.from({ length: 4 }, () =>
            store.applyBatch(
              batch('ds', {
                upserts: [upsert('a'), upsert('b')],
                idempotency: idempotency('c1 ds', 'dup'),
              }),
            ),
          ),
        );
        expect(outcomes.filter((o) => o.kind === 'applied')).toHaveLength(1);
        const replays = outcomes.filter((o) => o.kind === 'replay');
        expect(replays).toHaveLength(3);
        const stored = await store.getIdempotencyRecord('c1 ds', 'dup');
        for (const replay of replays) expect(replay).toEqual({ kind: 'replay', ...stored });
        expect(await store.getDataset('ds')).toMatchObject({ lastSeq: 2, recordCount: 2 });
        expect((await store.listChanges('ds', 0, 10)).map((c) => c.seq)).toEqual([1, 2]);
      });

      it('writes and deletes thousands of records in one batch', async () => {
        const keys = Array.from({ length: 2345 }, (_, i) => `rec-${String(i).padStart(5, '0')}`);
        const outcome = await store.applyBatch(batch('ds', { upserts: keys.map((key) => upsert(key)) }));
        expect(outcome).toMatchObject({ counts: { created: 2345, seq: 2345 } });
        const mixed = await store.applyBatch(
          batch('ds', {
            at: at(5),
            upserts: keys
              .slice(0, 1500)
              .map((key, i) => (i % 2 === 0 ? upsert(key) : upsert(key, 'changed'))),
            deletes: [...keys.slice(1000, 2100), 'missing-1', 'missing-2'],
          }),
        );
        expect(mixed).toEqual({
          kind: 'applied',
          counts: { created: 0, updated: 750, unchanged: 750, deleted: 1100, seq: 2345 + 750 + 1100 },
        });
        const remaining = await allKeys(store, 'ds', 500);
        expect(remaining).toEqual([...keys.slice(0, 1000), ...keys.slice(2100)]);
        expect(await store.getDataset('ds')).toMatchObject({ recordCount: remaining.length, lastSeq: 4195 });
        const feed = await store.listChanges('ds', 2345, 5000);
        expect(feed).toHaveLength(1850);
        expect(feed.filter((c) => c.op === 'delete')).toHaveLength(1100);
      });
    });

    describe('keyset pages and the changes feed', () => {
      beforeEach(async () => {
        await store.createDataset(dataset('ds'));
      });

      it('pages records in byte order of the key, with keys holding %, comma, dash and mixed case', async () => {
        const keys = [
          'a',
          'A',
          'b',
          'B',
          'a-b',
          'a_b',
          'a%b',
          '%',
          '%%',
          '_',
          'a,b',
          ',',
          '-1',
          '1',
          '10',
          '9',
          'Z',
          'z',
          'aa',
          'a b',
          'a.b',
          'a/b',
          '~',
          'K0001',
          'k0001',
          "o'neil",
          '"q"',
        ];
        const shuffled = [...keys].sort(
          (x, y) => ((x.length * 31 + x.charCodeAt(0)) % 7) - ((y.length * 31 + y.charCodeAt(0)) % 7),
        );
        await store.applyBatch(batch('ds', { upserts: shuffled.map((key) => upsert(key)) }));
        for (const limit of [1, 4, 7, 100]) expect(await allKeys(store, 'ds', limit)).toEqual(sorted(keys));
        // A cursor that is no stored key starts right after where it would be.
        expect((await store.listRecords('ds', { after: 'a%', limit: 3 })).map((r) => r.key)).toEqual(
          sorted(keys)
            .filter((k) => k > 'a%')
            .slice(0, 3),
        );
        expect(await store.listRecords('ds', { after: '~~', limit: 3 })).toEqual([]);
        expect(await store.listRecords('ds', { limit: 0 })).toEqual([]);
      });

      it('pages many records without skipping or repeating one', async () => {
        const keys = Array.from({ length: 600 }, (_, i) => `${i % 3 === 0 ? 'K' : 'k'}-${(i * 7919) % 1000}`);
        await store.applyBatch(batch('ds', { upserts: [...new Set(keys)].map((key) => upsert(key)) }));
        expect(await allKeys(store, 'ds', 37)).toEqual(sorted(new Set(keys)));
      });

      it('feeds changes in commit order with tombstones, from any sequence', async () => {
        await store.applyBatch(batch('ds', { at: at(1), upserts: [upsert('a'), upsert('b')] }));
        await store.applyBatch(batch('ds', { at: at(2), upserts: [upsert('a', 'A2')], deletes: ['b'] }));
        await store.applyBatch(batch('ds', { at: at(3), upserts: [upsert('b')] }));
        const all = await store.listChanges('ds', 0, 100);
        expect(all).toEqual([
          { seq: 1, op: 'upsert', key: 'a', at: at(1), json: upsert('a').json },
          { seq: 2, op: 'upsert', key: 'b', at: at(1), json: upsert('b').json },
          { seq: 3, op: 'upsert', key: 'a', at: at(2), json: upsert('a', 'A2').json },
          { seq: 4, op: 'delete', key: 'b', at: at(2), json: null },
          { seq: 5, op: 'upsert', key: 'b', at: at(3), json: upsert('b').json },
        ]);
        expect(await store.listChanges('ds', 2, 2)).toEqual(all.slice(2, 4));
        expect(await store.listChanges('ds', 5, 10)).toEqual([]);
        expect(await store.listChanges('ds', 99, 10)).toEqual([]);
        expect(await store.listChanges('ds', 0, 0)).toEqual([]);
        expect(await store.listChanges('other', 0, 10)).toEqual([]);
      });
    });

    describe('clients, API keys and grants', () => {
      it('creates, reads and lists clients by id; a second create is refused', async () => {
        expect(await store.createClient(client('ciamis/dinkes/simpus'))).toBe(true);
        expect(
          await store.createClient(client('ciamis/bappeda/dash', { role: 'admin', disabled: true })),
        ).toBe(true);
        expect(await store.createClient(client('ciamis/dinkes/simpus', { name: 'Other' }))).toBe(false);
        expect(await store.getClient('ciamis/dinkes/simpus')).toEqual(client('ciamis/dinkes/simpus'));
        expect(await store.getClient('ciamis/bappeda/dash')).toEqual(
          client('ciamis/bappeda/dash', { role: 'admin', disabled: true }),
        );
        expect(await store.getClient('nobody')).toBeUndefined();
        expect((await store.listClients()).map((c) => c.id)).toEqual([
          'ciamis/bappeda/dash',
          'ciamis/dinkes/simpus',
        ]);
      });

      it('stores API keys by id with a unique hash, and finds them by hash', async () => {
        const key = apiKey('k1', { label: 'SIMPUS production', expiresAt: at(50) });
        expect(await store.createApiKey(key)).toBe(true);
        expect(await store.createApiKey({ ...key, hash: sha(77) })).toBe(false);
        expect(await store.createApiKey({ ...key, keyId: 'k2' })).toBe(false);
        expect(await store.getApiKeyByHash(key.hash)).toEqual(key);
        expect(await store.getApiKeyByHash(sha(77))).toBeUndefined();
        expect(await store.listApiKeys(key.clientId)).toEqual([key]);
      });

      it('lists a client’s keys oldest first, then by key id', async () => {
        await store.createApiKey(apiKey('k3', { createdAt: at(2), hash: sha(3) }));
        await store.createApiKey(apiKey('k2', { createdAt: at(1), hash: sha(2) }));
        await store.createApiKey(apiKey('k1', { createdAt: at(2), hash: sha(1) }));
        await store.createApiKey(apiKey('x1', { clientId: 'other', hash: sha(4) }));
        expect((await store.listApiKeys('ciamis/dinkes/simpus')).map((k) => k.keyId)).toEqual([
          'k2',
          'k1',
          'k3',
        ]);
        expect(await store.listApiKeys('nobody')).toEqual([]);
      });

      it('revokes a key of its own client once, keeping the first revocation time', async () => {
        const key = apiKey('k1');
        await store.createApiKey(key);
        expect(await store.revokeApiKey('other', 'k1', at(5))).toBe(false);
        expect((await store.getApiKeyByHash(key.hash))?.revokedAt).toBeNull();
        expect(await store.revokeApiKey(key.clientId, 'k1', at(5))).toBe(true);
        expect(await store.revokeApiKey(key.clientId, 'k1', at(9))).toBe(true);
        expect((await store.getApiKeyByHash(key.hash))?.revokedAt).toBe(at(5));
        expect(await store.revokeApiKey(key.clientId, 'none', at(5))).toBe(false);
      });

      it('records when a key was last used; touching an unknown key does nothing', async () => {
        const key = apiKey('k1');
        await store.createApiKey(key);
        await store.touchApiKey('k1', at(7));
        await store.touchApiKey('k1', at(8));
        expect(await store.getApiKeyByHash(key.hash)).toEqual({ ...key, lastUsedAt: at(8) });
        await expect(store.touchApiKey('none', at(8))).resolves.toBeUndefined();
      });

      it('puts, replaces, lists and deletes grants', async () => {
        await store.putGrant(grant('c1', 'ds.b'));
        await store.putGrant(grant('c1', 'ds.a'));
        await store.putGrant(grant('c2', 'ds.a', { access: ['write'] }));
        await store.putGrant(grant('c1', 'ds.b', { access: ['read', 'write'], grantedAt: at(3) }));
        expect(await store.listGrants('c1')).toEqual([
          grant('c1', 'ds.a'),
          grant('c1', 'ds.b', { access: ['read', 'write'], grantedAt: at(3) }),
        ]);
        expect(await store.deleteGrant('c1', 'ds.a')).toBe(true);
        expect(await store.deleteGrant('c1', 'ds.a')).toBe(false);
        expect((await store.listGrants('c1')).map((g) => g.datasetId)).toEqual(['ds.b']);
        expect(await store.listGrants('c2')).toEqual([grant('c2', 'ds.a', { access: ['write'] })]);
        expect(await store.listGrants('nobody')).toEqual([]);
      });
    });

    describe('integrations', () => {
      it('creates and reads an integration with its history; a second create is refused', async () => {
        const row = integration('int-1', {
          history: [
            {
              at: at(1),
              action: 'dispose',
              fromState: 'requested',
              toState: 'disposed',
              step: 1,
              actor: 'ciamis/diskominfo/admin',
              note: 'Lanjut',
              output: { contractVersion: '1.2.0', nested: { list: [1, 'two', null] } },
            },
          ],
        });
        expect(await store.createIntegration(row)).toBe(true);
        expect(await store.createIntegration(integration('int-1', { title: 'Other' }))).toBe(false);
        expect(await store.getIntegration('int-1')).toEqual(row);
        expect(await store.getIntegration('int-2')).toBeUndefined();
      });

      it('updates only from the previous revision (compare-and-set)', async () => {
        await store.createIntegration(integration('int-1'));
        const next = integration('int-1', {
          revision: 2,
          state: 'disposed',
          stateSince: at(2),
          updatedAt: at(2),
        });
        expect(await store.updateIntegration({ ...next, revision: 3 })).toBe(false);
        expect(await store.updateIntegration({ ...next, revision: 1 })).toBe(false);
        expect(await store.updateIntegration(next)).toBe(true);
        expect(await store.getIntegration('int-1')).toEqual(next);
        // The same update again is stale now.
        expect(await store.updateIntegration(next)).toBe(false);
        expect(await store.updateIntegration(integration('int-9', { revision: 2 }))).toBe(false);
        // The state filter follows the update.
        expect((await store.listIntegrations({ limit: 10, state: 'disposed' })).map((i) => i.id)).toEqual([
          'int-1',
        ]);
        expect(await store.listIntegrations({ limit: 10, state: 'requested' })).toEqual([]);
      });

      it('lists newest first by (createdAt, id), with the before cursor and filters', async () => {
        const rows = [
          integration('i-a', { createdAt: at(1) }),
          integration('i-b', { createdAt: at(3), state: 'agreed' }),
          integration('i-c', { createdAt: at(3), opd: 'Bappeda' }),
          integration('i-B', { createdAt: at(3) }),
          integration('i-d', { createdAt: at(2), state: 'agreed', opd: 'Bappeda' }),
          integration('i-e', { createdAt: at(5) }),
        ];
        for (const row of rows) await store.createIntegration(row);
        const newest = ['i-e', 'i-c', 'i-b', 'i-B', 'i-d', 'i-a'];
        expect((await store.listIntegrations({ limit: 10 })).map((i) => i.id)).toEqual(newest);
        expect((await store.listIntegrations({ limit: 2 })).map((i) => i.id)).toEqual(newest.slice(0, 2));
        expect(
          (await store.listIntegrations({ limit: 10, before: { at: at(3), id: 'i-b' } })).map((i) => i.id),
        ).toEqual(['i-B', 'i-d', 'i-a']);
        expect(
          (await store.listIntegrations({ limit: 10, before: { at: at(4), id: '' } })).map((i) => i.id),
        ).toEqual(newest.slice(1));
        expect((await store.listIntegrations({ limit: 10, state: 'agreed' })).map((i) => i.id)).toEqual([
          'i-b',
          'i-d',
        ]);
        expect((await store.listIntegrations({ limit: 10, opd: 'Bappeda' })).map((i) => i.id)).toEqual([
          'i-c',
          'i-d',
        ]);
        expect(
          (await store.listIntegrations({ limit: 10, opd: 'Bappeda', state: 'agreed' })).map((i) => i.id),
        ).toEqual(['i-d']);
        // Paging through with the cursor visits every row once.
        const seen: string[] = [];
        let before: { at: string; id: string } | undefined;
        for (;;) {
          const page = await store.listIntegrations({ limit: 4, before });
          seen.push(...page.map((i) => i.id));
          const last = page.at(-1);
          if (page.length < 4 || !last) break;
          before = { at: last.createdAt, id: last.id };
        }
        expect(seen).toEqual(newest);
      });

      it('keeps attachment bytes exactly, 0x00 and 0xff included, and lists metadata oldest first', async () => {
        const bytes = new Uint8Array(256).map((_, i) => i);
        const row = attachment('att-1', 'int-1', { size: bytes.length, createdAt: at(2) });
        expect(await store.createAttachment(row, bytes)).toBe(true);
        expect(await store.createAttachment(attachment('att-1', 'int-2'), new Uint8Array([1]))).toBe(false);
        await store.createAttachment(
          attachment('att-0', 'int-1', { createdAt: at(2), size: 0 }),
          new Uint8Array(0),
        );
        await store.createAttachment(
          attachment('att-2', 'int-1', { createdAt: at(1) }),
          new Uint8Array([0xff, 0]),
        );
        await store.createAttachment(attachment('att-3', 'int-2'), new Uint8Array([7]));
        const found = await store.getAttachment('int-1', 'att-1');
        expect(found?.row).toEqual(row);
        expect(found?.content).toBeInstanceOf(Uint8Array);
        expect([...(found?.content ?? [])]).toEqual([...bytes]);
        expect([...((await store.getAttachment('int-1', 'att-0'))?.content ?? [1])]).toEqual([]);
        expect([...((await store.getAttachment('int-1', 'att-2'))?.content ?? [])]).toEqual([0xff, 0]);
        expect(await store.getAttachment('int-2', 'att-1')).toBeUndefined();
        expect(await store.getAttachment('int-1', 'att-9')).toBeUndefined();
        const listed = await store.listAttachments('int-1');
        expect(listed.map((a) => a.id)).toEqual(['att-2', 'att-0', 'att-1']);
        expect(listed[2]).toEqual(row);
        expect(listed[2]).not.toHaveProperty('content');
        expect(await store.listAttachments('int-9')).toEqual([]);
      });

      it('keeps attachment bytes of a view into a larger buffer, and only those', async () => {
        const backing = new Uint8Array([9, 9, 1, 2, 3, 9, 9]);
        await store.createAttachment(attachment('att-v', 'int-1', { size: 3 }), backing.subarray(2, 5));
        const found = await store.getAttachment('int-1', 'att-v');
        expect([...(found?.content ?? [])]).toEqual([1, 2, 3]);
      });
    });

    describe('validation reports', () => {
      it('creates and reads a report with its issues; a second create is refused', async () => {
        const row = validationReport('rep-1', { datasetId: 'ds', integrationId: 'int-1' });
        expect(await store.createValidationReport(row)).toBe(true);
        expect(await store.createValidationReport(validationReport('rep-1', { submittedAt: at(9) }))).toBe(
          false,
        );
        expect(await store.getValidationReport('rep-1')).toEqual(row);
        expect(await store.getValidationReport('rep-2')).toBeUndefined();
      });

      it('lists newest first by (submittedAt, id), with the before cursor and filters', async () => {
        const rows = [
          validationReport('r1', { submittedAt: at(1), datasetId: 'ds.a' }),
          validationReport('r2', { submittedAt: at(2), datasetId: 'ds.a', integrationId: 'int-1' }),
          validationReport('r3', { submittedAt: at(2), integrationId: 'int-1' }),
          validationReport('r4', { submittedAt: at(4), datasetId: 'ds.b' }),
        ];
        for (const row of rows) await store.createValidationReport(row);
        expect((await store.listValidationReports({ limit: 10 })).map((r) => r.id)).toEqual([
          'r4',
          'r3',
          'r2',
          'r1',
        ]);
        expect(
          (await store.listValidationReports({ limit: 10, before: { at: at(2), id: 'r3' } })).map(
            (r) => r.id,
          ),
        ).toEqual(['r2', 'r1']);
        expect((await store.listValidationReports({ limit: 1, datasetId: 'ds.a' })).map((r) => r.id)).toEqual(
          ['r2'],
        );
        expect(
          (await store.listValidationReports({ limit: 10, integrationId: 'int-1' })).map((r) => r.id),
        ).toEqual(['r3', 'r2']);
        expect(
          (await store.listValidationReports({ limit: 10, datasetId: 'ds.a', integrationId: 'int-1' })).map(
            (r) => r.id,
          ),
        ).toEqual(['r2']);
        expect(await store.listValidationReports({ limit: 10, datasetId: 'none' })).toEqual([]);
        expect((await store.listValidationReports({ limit: 10 }))[0]).toEqual(rows[3]);
      });
    });

    describe('audit log', () => {
      it('appends entries whose seq is the last plus one, and refuses others without throwing', async () => {
        expect(await store.lastAuditEntry()).toBeUndefined();
        expect(await store.appendAuditEntry(auditEntry(2))).toBe(false);
        expect(await store.appendAuditEntry(auditEntry(1))).toBe(true);
        expect(await store.appendAuditEntry(auditEntry(1, { requestId: 'other' }))).toBe(false);
        expect(await store.appendAuditEntry(auditEntry(3))).toBe(false);
        expect(
          await store.appendAuditEntry(auditEntry(2, { clientId: null, datasetId: null, bodySha256: null })),
        ).toBe(true);
        expect(await store.lastAuditEntry()).toEqual(
          auditEntry(2, { clientId: null, datasetId: null, bodySha256: null }),
        );
        expect(await store.listAudit(0, 10)).toEqual([
          auditEntry(1),
          auditEntry(2, { clientId: null, datasetId: null, bodySha256: null }),
        ]);
      });

      it('lets exactly one of several concurrent appends of one seq win', async () => {
        await store.appendAuditEntry(auditEntry(1));
        const results = await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            store.appendAuditEntry(auditEntry(2, { requestId: `racer-${i}` })),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = results.indexOf(true);
        expect((await store.lastAuditEntry())?.requestId).toBe(`racer-${winner}`);
      });

      it('lists entries after a seq, filtered by client and dataset', async () => {
        for (let seq = 1; seq <= 9; seq++) {
          await store.appendAuditEntry(
            auditEntry(seq, {
              clientId: seq % 3 === 0 ? 'c3' : 'c1',
              datasetId: seq % 2 === 0 ? 'ds.even' : null,
            }),
          );
        }
        expect((await store.listAudit(0, 4)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
        expect((await store.listAudit(4, 100)).map((e) => e.seq)).toEqual([5, 6, 7, 8, 9]);
        expect((await store.listAudit(9, 100)).map((e) => e.seq)).toEqual([]);
        expect((await store.listAudit(0, 100, { clientId: 'c3' })).map((e) => e.seq)).toEqual([3, 6, 9]);
        expect((await store.listAudit(3, 1, { clientId: 'c3' })).map((e) => e.seq)).toEqual([6]);
        expect((await store.listAudit(0, 100, { datasetId: 'ds.even' })).map((e) => e.seq)).toEqual([
          2, 4, 6, 8,
        ]);
        expect(
          (await store.listAudit(0, 100, { clientId: 'c3', datasetId: 'ds.even' })).map((e) => e.seq),
        ).toEqual([6]);
        expect(await store.listAudit(0, 100, { clientId: 'nobody' })).toEqual([]);
      });
    });

    describe('copies', () => {
      it('hands out copies: changing a returned row or a stored input changes nothing stored', async () => {
        const version = contractVersion('c.a', '1.0.0');
        await store.putContractVersion(version, null);
        version.document.title = 'changed after put';
        const readVersion = await store.getContractVersion('c.a', '1.0.0');
        expect(readVersion?.document.title).toBe('Daftar Puskesmas');
        if (readVersion) {
          readVersion.document.primaryKey.push('mutated');
          readVersion.status = 'retired';
        }
        const listed = await store.listContractVersions('c.a');
        listed[0]?.document.primaryKey.push('mutated');
        expect(await store.getContractVersion('c.a', '1.0.0')).toEqual(contractVersion('c.a', '1.0.0'));

        await store.createDataset(dataset('ds'));
        await store.applyBatch(batch('ds', { upserts: [upsert('a')] }));
        const ds = await store.getDataset('ds');
        if (ds) ds.lastSeq = 99;
        const datasets = await store.listDatasets();
        if (datasets[0]) datasets[0].recordCount = 99;
        expect(await store.getDataset('ds')).toMatchObject({ lastSeq: 1, recordCount: 1 });
        const record = await store.getRecord('ds', 'a');
        if (record) record.json = '{}';
        const records = await store.listRecords('ds', { limit: 10 });
        if (records[0]) records[0].seq = 99;
        const changes = await store.listChanges('ds', 0, 10);
        if (changes[0]) changes[0].json = '{}';
        expect(await store.getRecord('ds', 'a')).toEqual({ seq: 1, updatedAt: at(1), ...upsert('a') });
        expect((await store.listChanges('ds', 0, 10))[0]?.json).toBe(upsert('a').json);

        const row = integration('int-1', {
          history: [
            { at: T0, action: 'dispose', fromState: 'requested', toState: 'disposed', step: 1, actor: 'a' },
          ],
        });
        await store.createIntegration(row);
        row.consumers.push('after-create');
        const readIntegration = await store.getIntegration('int-1');
        readIntegration?.history.pop();
        readIntegration?.consumers.push('after-read');
        (await store.listIntegrations({ limit: 1 }))[0]?.consumers.push('after-list');
        expect(await store.getIntegration('int-1')).toEqual(
          integration('int-1', {
            history: [
              { at: T0, action: 'dispose', fromState: 'requested', toState: 'disposed', step: 1, actor: 'a' },
            ],
          }),
        );

        const bytes = new Uint8Array([1, 2, 3]);
        await store.createAttachment(attachment('att', 'int-1'), bytes);
        bytes[0] = 42;
        const found = await store.getAttachment('int-1', 'att');
        if (found) {
          found.content[1] = 42;
          found.row.name = 'mutated';
        }
        const again = await store.getAttachment('int-1', 'att');
        expect([...(again?.content ?? [])]).toEqual([1, 2, 3]);
        expect(again?.row.name).toBe('berita-acara.pdf');

        const report = validationReport('rep');
        await store.createValidationReport(report);
        report.report.issues.push({ path: '/x', code: 'x', message: 'after create' });
        (await store.getValidationReport('rep'))?.report.issues.pop();
        expect((await store.getValidationReport('rep'))?.report.issues).toHaveLength(1);

        await store.createClient(client('c1'));
        const readClient = await store.getClient('c1');
        if (readClient) readClient.disabled = true;
        expect((await store.getClient('c1'))?.disabled).toBe(false);
        await store.putGrant(grant('c1', 'ds'));
        (await store.listGrants('c1'))[0]?.access.push('write');
        expect((await store.listGrants('c1'))[0]?.access).toEqual(['read']);
        await store.createApiKey(apiKey('k1'));
        const key = await store.getApiKeyByHash(apiKey('k1').hash);
        if (key) key.revokedAt = at(1);
        expect((await store.listApiKeys('ciamis/dinkes/simpus'))[0]?.revokedAt).toBeNull();

        await store.appendAuditEntry(auditEntry(1));
        const entry = await store.lastAuditEntry();
        if (entry) entry.status = 500;
        expect((await store.listAudit(0, 1))[0]?.status).toBe(200);

        await store.createDataset(dataset('ds2'));
        await store.applyBatch(batch('ds2', { idempotency: idempotency('c1 ds2', 'k') }));
        const idempotent = await store.getIdempotencyRecord('c1 ds2', 'k');
        if (idempotent) idempotent.counts.seq = 500;
        expect((await store.getIdempotencyRecord('c1 ds2', 'k'))?.counts.seq).toBe(0);
      });
    });

    describe('hostile input', () => {
      const hostile = [
        "o'brien",
        '"double"',
        "'; DROP TABLE records; --",
        "x'); DELETE FROM datasets; --",
        '../../etc/passwd',
        '..\\..\\windows',
        '%_*?[]{}$1:1 \\N',
        'Puskesmas Cisaga ✓ 東京 😀',
        'tab\there',
      ];

      it('stores and returns ids, keys and text verbatim, never as SQL', async () => {
        for (const [i, id] of hostile.entries()) {
          expect(await store.createDataset(dataset(id, { contractVersion: id }))).toBe(true);
          expect(await store.getDataset(id)).toEqual(dataset(id, { contractVersion: id }));
          expect(await store.createClient(client(id, { name: id, opd: id }))).toBe(true);
          await store.putGrant(grant(id, id));
          expect(await store.createIntegration(integration(id, { title: id, opd: id }))).toBe(true);
          expect(await store.putContractVersion(contractVersion(id, id), null)).toBe(true);
          expect(await store.createApiKey(apiKey(id, { hash: id, label: id }))).toBe(true);
          expect(
            await store.appendAuditEntry(auditEntry(i + 1, { path: id, clientId: id, datasetId: id })),
          ).toBe(true);
        }
        // Record keys are ASCII.
        const asciiKeys = hostile.filter((key) => /^[\x20-\x7e\t]*$/.test(key));
        const upserts = asciiKeys.map((key) => ({
          key,
          json: json({ kode: key, nama: `${key}\u0000\u2028` }),
        }));
        const outcome = await store.applyBatch(
          batch(hostile[2] as string, { upserts, deletes: [hostile[3] as string] }),
        );
        expect(outcome.kind).toBe('applied');
        for (const { key, json: text } of upserts) {
          if (key === hostile[3]) continue;
          expect((await store.getRecord(hostile[2] as string, key))?.json).toBe(text);
        }
        expect(await allKeys(store, hostile[2] as string, 2)).toEqual(
          sorted(asciiKeys.filter((k) => k !== hostile[3])),
        );

        expect((await store.listDatasets()).map((d) => d.id)).toEqual(sorted(hostile));
        expect((await store.listClients()).map((c) => c.id)).toEqual(sorted(hostile));
        expect(await store.getClient(hostile[4] as string)).toEqual(
          client(hostile[4] as string, { name: hostile[4], opd: hostile[4] }),
        );
        expect(await store.listGrants(hostile[2] as string)).toEqual([
          grant(hostile[2] as string, hostile[2] as string),
        ]);
        expect(await store.getIntegration(hostile[7] as string)).toMatchObject({
          title: hostile[7],
          opd: hostile[7],
        });
        expect(
          (await store.listIntegrations({ limit: 20, opd: hostile[3] as string })).map((i) => i.id),
        ).toEqual([hostile[3]]);
        expect(await store.listContractIds({ limit: 20 })).toEqual(sorted(hostile));
        expect((await store.getApiKeyByHash(hostile[2] as string))?.label).toBe(hostile[2]);
        expect((await store.listAudit(0, 20, { clientId: hostile[2] as string })).map((e) => e.path)).toEqual(
          [hostile[2]],
        );
        // Nothing was dropped or deleted along the way.
        expect(await store.listDatasets()).toHaveLength(hostile.length);
      });

      it('finds nothing, and does not fail, when a looked-up id or key holds a NUL character', async () => {
        await store.createDataset(dataset('ds'));
        await store.applyBatch(batch('ds', { upserts: [upsert('a')] }));
        expect(await store.getRecord('ds', 'a\u0000')).toBeUndefined();
        expect(await store.getDataset('ds\u0000')).toBeUndefined();
        expect(await store.getClient('\u0000')).toBeUndefined();
        expect(await store.getContractVersion('c\u0000', '1.0.0')).toBeUndefined();
        expect(await store.getIdempotencyRecord('c1 ds', 'k\u0000')).toBeUndefined();
        expect(await store.getAttachment('int-1', '\u0000')).toBeUndefined();
      });

      it('keeps NUL and other control characters inside JSON documents', async () => {
        const version = contractVersion('c.nul', '1.0.0');
        version.document.title = 'nul \u0000 here, bell \u0007, line \u2028 end';
        version.document.description = '\\u0000 is not a NUL';
        await store.putContractVersion(version, null);
        expect(await store.getContractVersion('c.nul', '1.0.0')).toEqual(version);
        const row = integration('int-nul', {
          purpose: 'a\u0000b',
          requester: { name: '\u0000', contact: '' },
        });
        await store.createIntegration(row);
        expect(await store.getIntegration('int-nul')).toEqual(row);
      });
    });

    describe('a closed store', () => {
      it('rejects every call after close, and closing again is harmless', async () => {
        await store.createDataset(dataset('ds'));
        await store.close();
        await expect(store.close()).resolves.toBeUndefined();
        const calls: Array<[string, () => Promise<unknown>]> = [
          ['getDataset', () => store.getDataset('ds')],
          ['listDatasets', () => store.listDatasets()],
          ['applyBatch', () => store.applyBatch(batch('ds', { upserts: [upsert('a')] }))],
          ['listRecords', () => store.listRecords('ds', { limit: 1 })],
          ['getContractVersion', () => store.getContractVersion('c', '1')],
          ['createClient', () => store.createClient(client('c'))],
          ['appendAuditEntry', () => store.appendAuditEntry(auditEntry(1))],
          ['getAttachment', () => store.getAttachment('i', 'a')],
          ['ping', () => store.ping()],
        ];
        for (const [, call] of calls) await expect(call()).rejects.toThrow(/closed/);
      });
    });
  });
}
