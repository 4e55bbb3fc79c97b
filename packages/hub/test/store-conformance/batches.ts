import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditStore, DatasetStore, IdempotencyInput } from '../../src/store';
import {
  allKeys,
  at,
  auditEntry,
  batch,
  dataset,
  idempotency,
  sha,
  storedAuditEntry,
  upsert,
} from './fixtures';

/**
 * The batches part of the Store conformance suite (datasets and records): the one write path of a batch,
 * with its counts, its idempotency record and the request's audit entry in one transaction.
 *
 * @param storeOf the store under test, fresh for each test (opened and closed by the suite).
 */
export function describeBatchConformance(storeOf: () => DatasetStore & AuditStore): void {
  let store: DatasetStore & AuditStore;
  beforeEach(() => {
    store = storeOf();
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

    it("writes the batch's audit entry in its transaction, with an id from the store", async () => {
      await store.appendAuditEntries([auditEntry(1)]);
      const applied = await store.applyBatch(
        batch('ds', {
          upserts: [upsert('a')],
          idempotency: idempotency('c1 ds', 'audited'),
          audit: auditEntry(2, { datasetId: 'ds' }),
        }),
      );
      expect(applied.kind).toBe('applied');
      expect(await store.listAudit(0, 10)).toEqual([
        storedAuditEntry(1),
        storedAuditEntry(2, 2, { datasetId: 'ds' }),
      ]);

      // A batch that fails writes no entry; a replay and a batch for a missing dataset write none either.
      const unreadable = {
        key: 'b',
        get json(): string {
          throw new Error('record text unreadable');
        },
      };
      await expect(
        store.applyBatch(batch('ds', { upserts: [unreadable], audit: auditEntry(3) })),
      ).rejects.toThrow(/record text unreadable/);
      const replay = await store.applyBatch(
        batch('ds', {
          upserts: [upsert('c')],
          idempotency: idempotency('c1 ds', 'audited'),
          audit: auditEntry(4),
        }),
      );
      expect(replay.kind).toBe('replay');
      const missing = await store.applyBatch(batch('nope', { upserts: [upsert('c')], audit: auditEntry(5) }));
      expect(missing).toEqual({ kind: 'missing-dataset' });
      expect((await store.listAudit(0, 10)).map((e) => e.requestId)).toEqual(['req-1', 'req-2']);
    });

    it('signs the receipt from the counts inside the batch and keeps it for the replay', async () => {
      const seen: unknown[] = [];
      const receipt = async (counts: unknown) => {
        seen.push(counts);
        return `receipt-of-${JSON.stringify(counts)}`;
      };
      await store.applyBatch(batch('ds', { upserts: [upsert('a')] }));
      const first = await store.applyBatch(
        batch('ds', {
          upserts: [upsert('a', 'Puskesmas A baru'), upsert('b')],
          deletes: ['a'],
          idempotency: idempotency('c1 ds', 'signed'),
          receipt,
        }),
      );
      const counts = { created: 1, updated: 1, unchanged: 0, deleted: 1, seq: 4 };
      expect(seen).toEqual([counts]);
      expect(first).toEqual({ kind: 'applied', counts, receipt: `receipt-of-${JSON.stringify(counts)}` });
      expect(await store.getIdempotencyRecord('c1 ds', 'signed')).toEqual({
        requestHash: idempotency('c1 ds', 'signed').requestHash,
        counts,
        receipt: `receipt-of-${JSON.stringify(counts)}`,
      });
      // The replay returns the stored receipt; the signer is not asked again.
      const replay = await store.applyBatch(
        batch('ds', { upserts: [upsert('z')], idempotency: idempotency('c1 ds', 'signed'), receipt }),
      );
      expect(replay).toMatchObject({ kind: 'replay', receipt: `receipt-of-${JSON.stringify(counts)}` });
      expect(seen).toHaveLength(1);
      // Without an idempotency key the receipt is still returned (and there is nothing to keep it with).
      const unkeyed = await store.applyBatch(batch('ds', { upserts: [upsert('c')], receipt }));
      expect(unkeyed).toMatchObject({ kind: 'applied', receipt: expect.stringContaining('"seq":5') });
    });

    it('writes nothing when signing the receipt fails', async () => {
      const failing = async (): Promise<string> => {
        throw new Error('signing key unavailable');
      };
      await expect(
        store.applyBatch(
          batch('ds', { upserts: [upsert('a')], idempotency: idempotency('c1 ds', 'x'), receipt: failing }),
        ),
      ).rejects.toThrow(/signing key unavailable/);
      expect(await store.getRecord('ds', 'a')).toBeUndefined();
      expect(await store.getIdempotencyRecord('c1 ds', 'x')).toBeUndefined();
      expect(await store.getDataset('ds')).toEqual(dataset('ds'));
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
          upserts: keys.slice(0, 1500).map((key, i) => (i % 2 === 0 ? upsert(key) : upsert(key, 'changed'))),
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
}
