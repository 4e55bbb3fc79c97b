import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store';
import {
  allKeys,
  apiKey,
  auditEntry,
  batch,
  client,
  contractVersion,
  dataset,
  grant,
  integration,
  json,
  sorted,
  upsert,
} from './fixtures';

/**
 * What the Store conformance suite asks of the store as a whole: kind and ping, hostile ids and text
 * across every concern, and a closed store.
 *
 * @param storeOf the store under test, fresh for each test (opened and closed by the suite).
 */
export function describeStoreWideConformance(storeOf: () => Store): void {
  let store: Store;
  beforeEach(() => {
    store = storeOf();
  });

  it('reports its kind and answers ping', async () => {
    expect(['memory', 'sqlite', 'postgres']).toContain(store.kind);
    await expect(store.ping()).resolves.toBeUndefined();
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
        await store.appendAuditEntries([auditEntry(i + 1, { path: id, clientId: id, datasetId: id })]);
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
      expect((await store.listAudit(0, 20, { clientId: hostile[2] as string })).map((e) => e.path)).toEqual([
        hostile[2],
      ]);
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
        ['appendAuditEntries', () => store.appendAuditEntries([auditEntry(1)])],
        ['getAttachment', () => store.getAttachment('i', 'a')],
        ['ping', () => store.ping()],
      ];
      for (const [, call] of calls) await expect(call()).rejects.toThrow(/closed/);
    });
  });
}
