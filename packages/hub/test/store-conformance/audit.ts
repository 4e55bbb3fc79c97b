import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditCheckpointRow, AuditRow, AuditSealer, AuditStore } from '../../src/store';
import { auditEntry, storedAuditEntry } from './fixtures';

/** A sealer that records what it was given and "signs" the ids it seals. */
function recordingSealer(calls: Array<{ seqs: number[]; previous: number | null }>): AuditSealer {
  return async (entries, previous) => {
    calls.push({ seqs: entries.map((e) => e.seq), previous: previous?.number ?? null });
    const number = (previous?.number ?? 0) + 1;
    return { number, jws: `checkpoint-${number}:${entries.map((e) => e.seq).join(',')}` };
  };
}

/**
 * The audit part of the Store conformance suite: entries get their ids from the store (no writer waits
 * for another), filtered lists, and sealing into checkpoints one sealer at a time.
 *
 * @param storeOf the store under test, fresh for each test (opened and closed by the suite).
 */
export function describeAuditStoreConformance(storeOf: () => AuditStore): void {
  let store: AuditStore;
  beforeEach(() => {
    store = storeOf();
  });

  describe('audit log', () => {
    it('gives appended entries ids in order, unsealed, all of one call together', async () => {
      expect(await store.listAudit(0, 10)).toEqual([]);
      await store.appendAuditEntries([auditEntry(1)]);
      await store.appendAuditEntries([
        auditEntry(2, { clientId: null, datasetId: null, bodySha256: null }),
        auditEntry(3),
      ]);
      await store.appendAuditEntries([]);
      expect(await store.listAudit(0, 10)).toEqual([
        storedAuditEntry(1),
        storedAuditEntry(2, 2, { clientId: null, datasetId: null, bodySha256: null }),
        storedAuditEntry(3),
      ]);
    });

    it('stores every one of many concurrent appends, each with its own id', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.appendAuditEntries([auditEntry(i + 1), auditEntry(i + 101)]),
        ),
      );
      const entries = await store.listAudit(0, 100);
      expect(entries).toHaveLength(40);
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(new Set(entries.map((e) => e.requestId)).size).toBe(40);
    });

    it('writes a large group in one piece', async () => {
      const many = Array.from({ length: 1234 }, (_, i) => auditEntry(i + 1));
      await store.appendAuditEntries(many);
      expect((await store.listAudit(1200, 100)).map((e) => e.requestId)).toEqual(
        Array.from({ length: 34 }, (_, i) => `req-${i + 1201}`),
      );
    });

    it('lists entries after a seq, filtered by client and dataset', async () => {
      for (let seq = 1; seq <= 9; seq++) {
        await store.appendAuditEntries([
          auditEntry(seq, {
            clientId: seq % 3 === 0 ? 'c3' : 'c1',
            datasetId: seq % 2 === 0 ? 'ds.even' : null,
          }),
        ]);
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

    it('hands out copies: changing a returned entry changes nothing stored', async () => {
      await store.appendAuditEntries([auditEntry(1)]);
      const [entry] = await store.listAudit(0, 1);
      if (entry) entry.status = 500;
      expect((await store.listAudit(0, 1))[0]?.status).toBe(200);
    });
  });

  describe('audit checkpoints', () => {
    it('seals the oldest unsealed entries, at most the limit, each checkpoint after the previous one', async () => {
      await store.appendAuditEntries(Array.from({ length: 5 }, (_, i) => auditEntry(i + 1)));
      const calls: Array<{ seqs: number[]; previous: number | null }> = [];
      const sealer = recordingSealer(calls);
      expect(await store.sealAuditEntries(3, sealer)).toEqual({ number: 1, jws: 'checkpoint-1:1,2,3' });
      await store.appendAuditEntries([auditEntry(6)]);
      expect(await store.sealAuditEntries(3, sealer)).toEqual({ number: 2, jws: 'checkpoint-2:4,5,6' });
      expect(await store.sealAuditEntries(3, sealer)).toBeUndefined();
      expect(calls).toEqual([
        { seqs: [1, 2, 3], previous: null },
        { seqs: [4, 5, 6], previous: 1 },
      ]);
      const sealed = await store.listAudit(0, 10);
      expect(sealed.map((e: AuditRow) => e.checkpoint)).toEqual([1, 1, 1, 2, 2, 2]);
      expect(await store.listAuditCheckpoints(0, 10)).toEqual([
        { number: 1, jws: 'checkpoint-1:1,2,3' },
        { number: 2, jws: 'checkpoint-2:4,5,6' },
      ]);
      expect(await store.listAuditCheckpoints(1, 10)).toEqual([{ number: 2, jws: 'checkpoint-2:4,5,6' }]);
    });

    it('seals nothing when signing fails, and seals the same entries next time', async () => {
      await store.appendAuditEntries([auditEntry(1), auditEntry(2)]);
      await expect(
        store.sealAuditEntries(10, async () => {
          throw new Error('signing key unavailable');
        }),
      ).rejects.toThrow(/signing key unavailable/);
      expect((await store.listAudit(0, 10)).map((e) => e.checkpoint)).toEqual([null, null]);
      expect(await store.listAuditCheckpoints(0, 10)).toEqual([]);
      expect((await store.sealAuditEntries(10, recordingSealer([])))?.jws).toBe('checkpoint-1:1,2');
    });

    it('lets one sealer run at a time: concurrent seals never seal an entry twice', async () => {
      await store.appendAuditEntries(Array.from({ length: 30 }, (_, i) => auditEntry(i + 1)));
      const slow: AuditSealer = async (entries, previous) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return recordingSealer([])(entries, previous);
      };
      const results = await Promise.all(Array.from({ length: 4 }, () => store.sealAuditEntries(10, slow)));
      const made = results.filter((r): r is AuditCheckpointRow => r !== undefined);
      expect(new Set(made.map((c) => c.number)).size).toBe(made.length);
      const checkpoints = await store.listAuditCheckpoints(0, 10);
      expect(checkpoints).toEqual(made.sort((a, b) => a.number - b.number));
      const sealedSeqs = checkpoints.flatMap((c) => c.jws.split(':')[1]?.split(',').map(Number) ?? []);
      expect(new Set(sealedSeqs).size).toBe(sealedSeqs.length);
      const entries = await store.listAudit(0, 100);
      for (const entry of entries) {
        expect(
          entry.checkpoint === null ? !sealedSeqs.includes(entry.seq) : sealedSeqs.includes(entry.seq),
        ).toBe(true);
      }
    });
  });
}
