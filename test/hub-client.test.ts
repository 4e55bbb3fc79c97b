// The typed client of @tukar/client end to end against the real hub on a loopback port.
import { HubError } from '@tukar/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  type StoreUnderTest,
  startHub,
  storesUnderTest,
  type TestHub,
} from '../packages/hub/test/hub-fixture';

if (!process.env.TUKAR_TEST_PG_URL) {
  it.skip('on PostgreSQL (skipped: run with TUKAR_TEST_PG_URL=postgres://user@127.0.0.1:5432/db pnpm test)', () => {});
}

describe.each(storesUnderTest().map((s) => [s.name, s] as [string, StoreUnderTest]))(
  'client ⇄ hub on %s over a loopback port',
  (name, storeUnderTest) => {
    let hub: TestHub;

    beforeAll(async () => {
      hub = await startHub({ store: await storeUnderTest.open() });
      await publishDataset(hub.admin, await exampleContract('dinkes.puskesmas'));
    });
    afterAll(async () => {
      await hub.close();
      await storeUnderTest.cleanup();
    });

    it('answers health and whoami', async () => {
      const health = await hub.admin.unwrap(hub.admin.GET('/v1/health'));
      expect(health).toMatchObject({ status: 'ok', store: name });
      const me = await hub.admin.unwrap(hub.admin.GET('/v1/meta/whoami'));
      expect(me).toMatchObject({ clientId: 'kominfo/admin', role: 'admin' });
    });

    it('pushes 2,500 records in batches and pulls exactly them through the changes feed and the records list', async () => {
      const simpus = await registerClient(hub, 'ciamis/dinkes/simpus', {
        'dinkes.puskesmas': ['read', 'write'],
      });
      const reader = await registerClient(hub, 'ciamis/bappeda/satudata');
      const records = puskesmasRecords(2500);
      const pushed = await simpus.client.pushRecords('dinkes.puskesmas', records, { batchSize: 1000 });
      expect(pushed).toMatchObject({ batches: 3, records: 2500, created: 2500, updated: 0, seq: 2500 });

      const keys: string[] = [];
      let last = 0;
      for await (const change of reader.client.pullChanges('dinkes.puskesmas', { limit: 700 })) {
        expect(change.seq).toBe(last + 1);
        last = change.seq;
        keys.push(change.key);
      }
      expect(keys).toHaveLength(2500);
      expect(new Set(keys).size).toBe(2500);

      let listed = 0;
      for await (const stored of reader.client.listRecords('dinkes.puskesmas', { limit: 1000 })) {
        expect(stored.record).toHaveProperty('kode_puskesmas', stored.key);
        listed++;
      }
      expect(listed).toBe(2500);

      // The same records again: nothing changes, the sequence stays.
      const again = await simpus.client.pushRecords('dinkes.puskesmas', records.slice(0, 10));
      expect(again).toMatchObject({ unchanged: 10, created: 0, seq: 2500 });
    });

    it('refuses an invalid record with its index, key, path and a message, and writes nothing', async () => {
      const before = await hub.admin.unwrap(
        hub.admin.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } }),
      );
      const [good, bad] = puskesmasRecords(2, 9000);
      const error = await hub.admin
        .pushRecords('dinkes.puskesmas', [
          good as Record<string, unknown>,
          { ...bad, kode_wilayah: '32.07.99.9999' },
        ])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const cause = (error as { cause?: unknown }).cause ?? error;
      const hubError = cause instanceof HubError ? cause : (error as HubError);
      expect(hubError.status).toBe(422);
      expect(hubError.code).toBe('validation_failed');
      expect(hubError.errors?.[0]).toMatchObject({
        index: 1,
        op: 'upsert',
        path: '/kode_wilayah',
        code: 'format',
      });
      const after = await hub.admin.unwrap(
        hub.admin.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } }),
      );
      expect(after.recordCount).toBe(before.recordCount);
      expect(after.lastSeq).toBe(before.lastSeq);
    });
  },
);
