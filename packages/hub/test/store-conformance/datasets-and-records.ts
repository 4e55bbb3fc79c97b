import { beforeEach, describe, expect, it } from 'vitest';
import type { DatasetStore } from '../../src/store';
import { allKeys, at, batch, dataset, idempotency, sorted, upsert } from './fixtures';

/**
 * The datasets and records part of the Store conformance suite (with `batches.ts`): datasets, keyset pages
 * of records and the changes feed.
 *
 * @param storeOf the store under test, fresh for each test (opened and closed by the suite).
 */
export function describeDatasetStoreConformance(storeOf: () => DatasetStore): void {
  let store: DatasetStore;
  beforeEach(() => {
    store = storeOf();
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
    it('hands out copies: changing a returned dataset, record, change or idempotency record changes nothing stored', async () => {
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

      await store.createDataset(dataset('ds2'));
      await store.applyBatch(batch('ds2', { idempotency: idempotency('c1 ds2', 'k') }));
      const idempotent = await store.getIdempotencyRecord('c1 ds2', 'k');
      if (idempotent) idempotent.counts.seq = 500;
      expect((await store.getIdempotencyRecord('c1 ds2', 'k'))?.counts.seq).toBe(0);
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

    it('writes changes as the JSON items of a changes page, the same changes as listChanges, keys needing escapes included', async () => {
      const keys = [
        'a"b',
        'back\\slash',
        'tab\there',
        'line\nbreak',
        'ctrl\u0001',
        'é',
        '😀',
        '\u2028',
        "o'neil",
        '</x>',
        'lone\ud800surrogate',
      ];
      await store.applyBatch(batch('ds', { at: at(1), upserts: keys.map((key) => upsert(key)) }));
      await store.applyBatch(
        batch('ds', { at: at(2), upserts: [upsert('é', 'E2')], deletes: keys.slice(0, 4) }),
      );
      const all = await store.listChanges('ds', 0, 100);
      expect(all).toHaveLength(16);
      const asItem = ({ json, ...change }: (typeof all)[number]) =>
        json === null ? change : { ...change, record: JSON.parse(json) };
      for (const since of [0, 1, 9, 10, 14, 15, 16, 40]) {
        for (const limit of [0, 1, 5, 14, 15, 16, 100]) {
          const slice = await store.changeItems('ds', since, limit);
          const expected = all.slice(since, since + limit);
          // Bytes go to the wire as they are: they must be UTF-8 (a fatal decoder refuses anything else).
          const text =
            typeof slice.items === 'string'
              ? slice.items
              : new TextDecoder('utf-8', { fatal: true }).decode(slice.items);
          expect(JSON.parse(`[${text}]`)).toEqual(expected.map(asItem));
          expect(slice.count).toBe(expected.length);
          expect(slice.more).toBe(since + expected.length < all.length);
        }
      }
      expect(await store.changeItems('other', 0, 10)).toEqual({ items: '', count: 0, more: false });
    });
  });
}
