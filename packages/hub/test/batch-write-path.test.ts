// The batch write path over HTTP on every store of this machine: the store says what a batch did, the
// records route answers it; an Idempotency-Key's first answer comes back byte for byte, another request
// under the key is 409 whether or not it reaches the store, and each request leaves one audit entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRow, Store } from '../src/store';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  startHub,
  storesUnderTest,
  type TestHub,
} from './hub-fixture';

const DATASET = 'dinkes.puskesmas';
const RECORDS = `/v1/datasets/${DATASET}/records`;

for (const under of storesUnderTest()) {
  describe(`the batch write path on the ${under.name} store`, () => {
    let hub: TestHub;
    let store: Store;
    let apiKey: string;
    let requests = 0;

    beforeAll(async () => {
      store = await under.open();
      hub = await startHub({ store });
      await publishDataset(hub.admin, await exampleContract(DATASET));
      ({ apiKey } = await registerClient(hub, 'ciamis/dinkes/simpus', { [DATASET]: ['read', 'write'] }));
    });
    afterAll(async () => {
      await hub.close();
      await store.close();
      await under.cleanup();
    });

    /** One request with its own request id; answers the status, the body text and that id. */
    async function send(method: 'POST' | 'DELETE', path: string, idempotencyKey: string, body?: unknown) {
      const requestId = `${under.name}-write-path-${++requests}`;
      const headers: Record<string, string> = {
        authorization: `Bearer ${apiKey}`,
        'idempotency-key': idempotencyKey,
        'x-request-id': requestId,
      };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${hub.url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, text: await response.text(), requestId };
    }

    /** The audit entries of the given requests, in log order. */
    async function auditOf(...requestIds: string[]): Promise<AuditRow[]> {
      const entries = await store.listAudit(0, 100_000);
      return entries.filter((entry) => requestIds.includes(entry.requestId));
    }

    it('replays a push with the first answer byte for byte, writing nothing again', async () => {
      const body = { upsert: puskesmasRecords(3, 4100) };
      const first = await send('POST', RECORDS, 'write-path-push-0001', body);
      expect(first.status).toBe(200);
      expect(JSON.parse(first.text)).toMatchObject({ created: 3, deleted: 0, replayed: false });
      const after = await store.getDataset(DATASET);
      const replay = await send('POST', RECORDS, 'write-path-push-0001', body);
      expect(replay.status).toBe(200);
      expect(replay.text).toBe(first.text.replace('"replayed":false', '"replayed":true'));
      expect(await store.getDataset(DATASET)).toEqual(after);
      // One entry per request: the push's written with its batch, the replay's with its answer.
      expect((await auditOf(first.requestId, replay.requestId)).map((e) => [e.requestId, e.status])).toEqual([
        [first.requestId, 200],
        [replay.requestId, 200],
      ]);
    });

    it('answers 409 to another body under a used key, whether or not that body is valid', async () => {
      const first = await send('POST', RECORDS, 'write-path-push-0002', {
        upsert: puskesmasRecords(2, 4200),
      });
      expect(first.status).toBe(200);
      const before = await store.getDataset(DATASET);
      const other = await send('POST', RECORDS, 'write-path-push-0002', {
        upsert: puskesmasRecords(2, 4300),
      });
      const [broken] = puskesmasRecords(1, 4400);
      const invalid = await send('POST', RECORDS, 'write-path-push-0002', {
        upsert: [{ ...broken, kode_puskesmas: 'not a code' }],
      });
      for (const answer of [other, invalid]) {
        expect(answer.status).toBe(409);
        expect(JSON.parse(answer.text)).toMatchObject({ code: 'idempotency_conflict' });
      }
      // The same invalid body under a new key is checked: 422, and nothing is stored under that key.
      const fresh = await send('POST', RECORDS, 'write-path-push-0003', {
        upsert: [{ ...broken, kode_puskesmas: 'not a code' }],
      });
      expect(fresh.status).toBe(422);
      expect(
        await store.getIdempotencyRecord(`ciamis/dinkes/simpus ${DATASET}`, 'write-path-push-0003'),
      ).toBe(undefined);
      expect(await store.getDataset(DATASET)).toEqual(before);
      expect(
        (await auditOf(other.requestId, invalid.requestId, fresh.requestId)).map((e) => e.status),
      ).toEqual([409, 409, 422]);
    });

    it('replays a record delete after the record is gone; another key is 404, another record 409', async () => {
      const [record] = puskesmasRecords(1, 4500);
      const key = String(record?.kode_puskesmas);
      expect((await send('POST', RECORDS, 'write-path-push-0004', { upsert: [record] })).status).toBe(200);
      const first = await send('DELETE', `${RECORDS}/${key}`, 'write-path-delete-01');
      expect(first.status).toBe(200);
      expect(JSON.parse(first.text)).toMatchObject({ deleted: 1, replayed: false });
      const after = await store.getDataset(DATASET);
      const replay = await send('DELETE', `${RECORDS}/${key}`, 'write-path-delete-01');
      expect(replay.status).toBe(200);
      expect(replay.text).toBe(first.text.replace('"replayed":false', '"replayed":true'));
      const fresh = await send('DELETE', `${RECORDS}/${key}`, 'write-path-delete-02');
      expect(fresh.status).toBe(404);
      const [other] = puskesmasRecords(1, 4600);
      const reused = await send(
        'DELETE',
        `${RECORDS}/${String(other?.kode_puskesmas)}`,
        'write-path-delete-01',
      );
      expect(reused.status).toBe(409);
      expect(JSON.parse(reused.text)).toMatchObject({ code: 'idempotency_conflict' });
      expect(await store.getDataset(DATASET)).toEqual(after);
      const audited = await auditOf(first.requestId, replay.requestId, fresh.requestId, reused.requestId);
      expect(audited.map((e) => e.status)).toEqual([200, 200, 404, 409]);
    });
  });
}
