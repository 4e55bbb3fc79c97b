// No read waits for a batch (issue 14): while a 5,000-record batch is being written, a read of a record
// the batch changes is answered before the batch is, with the record as last committed. On SQLite the
// batch's transaction gives the event loop back between its statements and reads go to a read-only
// connection; on PostgreSQL reads take another pooled connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/store';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  startHub,
  storesUnderTest,
  type TestHub,
} from './hub-fixture';

const DATASET = 'dinkes.puskesmas';
const BATCH = 5_000;

/** The store, telling `onBatch` when a batch reaches it (after the route has checked the batch). */
function announcingBatches(store: Store, onBatch: () => void): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'applyBatch') return value;
      return (...args: Parameters<Store['applyBatch']>) => {
        onBatch();
        return target.applyBatch(...args);
      };
    },
  });
}

for (const under of storesUnderTest().filter((s) => s.name !== 'memory')) {
  describe(`reads during a batch on the ${under.name} store`, () => {
    let hub: TestHub;
    let store: Store;
    let batchReached: () => void = () => undefined;

    beforeAll(async () => {
      store = await under.open();
      hub = await startHub({ store: announcingBatches(store, () => batchReached()) });
      await publishDataset(hub.admin, await exampleContract(DATASET));
      await hub.admin.pushRecords(DATASET, puskesmasRecords(BATCH), { batchSize: BATCH });
    }, 120_000);
    afterAll(async () => {
      await hub.close();
      await store.close();
      await under.cleanup();
    });

    const read = async (key: string) => {
      const response = await fetch(`${hub.url}/v1/datasets/${DATASET}/records/${key}`, {
        headers: { authorization: `Bearer ${hub.adminKey}` },
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { record: { nama: string } }).record;
    };

    it('answers a read sent while a 5,000-record batch is written first, with the last committed record', async () => {
      const records = puskesmasRecords(BATCH);
      const last = String(records.at(-1)?.kode_puskesmas);
      const renamed = records.map((r) => ({ ...r, nama: `${String(r.nama)} (baru)` }));
      const answered: string[] = [];
      const reached = new Promise<void>((resolve) => {
        batchReached = resolve;
      });
      const push = hub.admin.pushRecords(DATASET, renamed, { batchSize: BATCH }).then((result) => {
        answered.push('batch');
        return result;
      });
      await reached;
      const during = await read(last);
      answered.push('read');

      const result = await push;
      expect(answered).toEqual(['read', 'batch']);
      expect(during.nama).toBe('Puskesmas Uji 4999');
      expect(result.updated).toBe(BATCH);
      expect((await read(last)).nama).toBe('Puskesmas Uji 4999 (baru)');
    }, 120_000);
  });
}
