import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditStore } from '../../src/store';
import { auditEntry } from './fixtures';

/**
 * The audit part of the Store conformance suite: appends that follow the last entry, races, filtered lists.
 *
 * @param storeOf the store under test, fresh for each test (opened and closed by the suite).
 */
export function describeAuditStoreConformance(storeOf: () => AuditStore): void {
  let store: AuditStore;
  beforeEach(() => {
    store = storeOf();
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
    it('hands out copies: changing a returned entry changes nothing stored', async () => {
      await store.appendAuditEntry(auditEntry(1));
      const entry = await store.lastAuditEntry();
      if (entry) entry.status = 500;
      expect((await store.listAudit(0, 1))[0]?.status).toBe(200);
    });
  });
}
