// pushRecords with several batches in flight, against the real hub (SQLite file, loopback port): the
// counts are exact, progress comes in input order, the changes feed stays dense (every sequence from 1
// to the last, each batch's changes side by side), and a batch refused mid-way leaves `committed`
// exact, with no request still running when the push throws.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHubClient, type FetchLike, type HubClient, PushRecordsError } from '@tukar/client';
import { openSqliteStore } from '@tukar/hub/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  startHub,
  type TestHub,
} from '../packages/hub/test/hub-fixture';

const dataset = 'dinkes.puskesmas';
let hub: TestHub;
let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tukar-push-concurrency-'));
  hub = await startHub({ store: await openSqliteStore({ file: join(dir, 'hub.db') }) });
  await publishDataset(hub.admin, await exampleContract(dataset));
});
afterEach(async () => {
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The OPD's client, with a fetch that counts the requests in flight (and the most seen at once). */
async function countingClient(): Promise<{
  client: HubClient;
  inFlight: () => number;
  mostInFlight: () => number;
}> {
  const { apiKey } = await registerClient(hub, 'ciamis/dinkes/simpus', { [dataset]: ['read', 'write'] });
  let now = 0;
  let most = 0;
  const counting: FetchLike = async (request) => {
    most = Math.max(most, ++now);
    try {
      const response = await fetch(request);
      await response.clone().arrayBuffer(); // in flight until the whole answer is in
      return response;
    } finally {
      now--;
    }
  };
  const client = createHubClient({ baseUrl: hub.url, apiKey, fetch: counting, retry: false });
  return { client, inFlight: () => now, mostInFlight: () => most };
}

/** Every change of the dataset, in feed order. */
async function feed(client: HubClient): Promise<Array<{ seq: number; key: string }>> {
  const changes: Array<{ seq: number; key: string }> = [];
  for await (const change of client.pullChanges(dataset, { limit: 1000 })) {
    changes.push({ seq: change.seq, key: change.key });
  }
  return changes;
}

/** Checks the feed is dense (1…n, no gap, no repeat) and that each batch's keys have neighbouring sequences. */
function expectDenseWithWholeBatches(
  changes: Array<{ seq: number; key: string }>,
  batchOf: Map<string, number>,
) {
  expect(changes.map((c) => c.seq)).toEqual(changes.map((_, i) => i + 1));
  const seqsOfBatch = new Map<number, number[]>();
  for (const { seq, key } of changes) {
    const batch = batchOf.get(key);
    expect(batch, `key ${key} in the feed was never pushed`).toBeDefined();
    seqsOfBatch.set(batch!, [...(seqsOfBatch.get(batch!) ?? []), seq]);
  }
  for (const [batch, seqs] of seqsOfBatch) {
    expect(seqs.at(-1)! - seqs[0]!, `batch ${batch} is split in the feed`).toBe(seqs.length - 1);
  }
}

describe('pushRecords with batches in flight, on SQLite', () => {
  it('keeps at most `concurrency` batches in flight, counts exactly, reports progress in order, and leaves the feed dense', async () => {
    const { client, mostInFlight } = await countingClient();
    const records = puskesmasRecords(3000);
    const progress: number[] = [];
    const result = await client.pushRecords(dataset, records, {
      batchSize: 200,
      concurrency: 4,
      onProgress: (p) => progress.push(p.records),
    });

    expect(mostInFlight()).toBe(4);
    expect(result).toMatchObject({
      batches: 15,
      records: 3000,
      created: 3000,
      updated: 0,
      unchanged: 0,
      seq: 3000,
    });
    expect(result.receipts).toHaveLength(15);
    expect(progress).toEqual(Array.from({ length: 15 }, (_, i) => (i + 1) * 200));
    const batchOf = new Map(records.map((r, i) => [String(r.kode_puskesmas), Math.floor(i / 200)]));
    expectDenseWithWholeBatches(await feed(client), batchOf);
  });

  it('stops at a refused batch: committed counts only the batches before it, nothing is still in flight, and resuming completes the dataset', async () => {
    const { client, inFlight } = await countingClient();
    const records = puskesmasRecords(1500);
    records[650] = { ...records[650], kode_wilayah: '32.07.99.9999' }; // batch 6 of 15 (records 600…699)
    const progress: number[] = [];
    const error = await client
      .pushRecords(dataset, records, {
        batchSize: 100,
        concurrency: 3,
        onProgress: (p) => progress.push(p.records),
      })
      .catch((e: unknown) => e);

    expect(inFlight()).toBe(0);
    expect(error).toBeInstanceOf(PushRecordsError);
    const failure = error as PushRecordsError;
    expect(failure).toMatchObject({ code: 'validation_failed', status: 422, batchOffset: 600 });
    expect(failure.committed).toMatchObject({ batches: 6, records: 600, created: 600 });
    expect(failure.committed.receipts).toHaveLength(6);
    expect(failure.errors[0]).toMatchObject({ index: 650, path: '/kode_wilayah' });
    expect(progress).toEqual([100, 200, 300, 400, 500, 600]);
    // Batches after the refused one that were already in flight may have committed; none before it is missing.
    const batchOf = new Map(records.map((r, i) => [String(r.kode_puskesmas), Math.floor(i / 100)]));
    const afterFailure = await feed(client);
    expectDenseWithWholeBatches(afterFailure, batchOf);
    const keysIn = new Set(afterFailure.map((c) => c.key));
    for (const r of records.slice(0, 600)) expect(keysIn.has(String(r.kode_puskesmas))).toBe(true);
    expect(keysIn.has(String(records[650]!.kode_puskesmas))).toBe(false);
    expect(afterFailure.length).toBeLessThanOrEqual(600 + 2 * 100); // at most concurrency − 1 batches beyond

    // The OPD fixes the record and resumes after what was committed.
    records[650] = puskesmasRecords(1, 650)[0]!;
    const resumed = await client.pushRecords(dataset, records.slice(failure.committed.records), {
      batchSize: 100,
      concurrency: 3,
    });
    expect(resumed.records).toBe(900);
    expect(resumed.created + resumed.unchanged).toBe(900);
    expect(resumed.created).toBe(1500 - afterFailure.length);
    const whole = await feed(client);
    expectDenseWithWholeBatches(whole, batchOf);
    expect(new Set(whole.map((c) => c.key)).size).toBe(1500);
    expect(whole).toHaveLength(1500);
  });
});
