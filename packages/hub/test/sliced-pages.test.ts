// A changes page larger than 1,000 is read and sent in slices of 1,000 (issue 20: the caller receives one
// slice while the hub reads the next). The slicing must not show: any `since` and `limit` answer exactly
// the page read whole, with the same `nextSince` and `hasMore`, on every store. A read that fails after
// the answer has started cuts the answer (logged); the client asks again and misses nothing.
import { createHubClient } from '@tukar/client';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubLogLine } from '../src/request-context';
import type { ChangeItems, Store } from '../src/store';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  startHub,
  storesUnderTest,
  type TestHub,
} from './hub-fixture';

const DATASET = 'dinkes.puskesmas';
const RECORDS = 3_200;
const DELETED = 300;

interface Change {
  seq: number;
  op: string;
  key: string;
  record?: unknown;
}
interface ChangesPage {
  items: Change[];
  nextSince: number;
  hasMore: boolean;
}

/** What the store under test does to its reads of change items, counting them from 1. */
interface ReadFaults {
  reads: number;
  /** This read fails, once. */
  failAt?: number;
  /** This read, once, finds only its first 500 changes and says more follow (a commit landed between). */
  shortAt?: number;
}

/** The first 500 items of a slice, as a store gives them, still saying that more follow. */
function shortened(slice: ChangeItems): ChangeItems {
  const text = typeof slice.items === 'string' ? slice.items : new TextDecoder().decode(slice.items);
  const items = (JSON.parse(`[${text}]`) as unknown[]).slice(0, 500);
  return { items: JSON.stringify(items).slice(1, -1), count: items.length, more: true };
}

/** The store, with the faults of `faults` in its reads of change items. */
function failingOnce(store: Store, failures: ReadFaults): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'changeItems') return value;
      return async (...args: Parameters<Store['changeItems']>) => {
        failures.reads++;
        const read = failures.reads;
        if (read === failures.failAt) {
          failures.failAt = undefined;
          throw new Error('connection to the store lost (test)');
        }
        const slice = await target.changeItems(...args);
        if (read !== failures.shortAt) return slice;
        failures.shortAt = undefined;
        return shortened(slice);
      };
    },
  });
}

for (const under of storesUnderTest()) {
  describe(`changes pages larger than a slice, ${under.name} store`, () => {
    let hub: TestHub;
    let store: Store;
    const failures: ReadFaults = { reads: 0 };
    const logged: HubLogLine[] = [];
    // Every change of the dataset, in order, read in pages of 1,000 (each read whole).
    const feed: Change[] = [];

    const changes = async (since: number, limit: number) => {
      const response = await fetch(
        `${hub.url}/v1/datasets/${DATASET}/changes?since=${since}&limit=${limit}`,
        {
          headers: { authorization: `Bearer ${hub.adminKey}` },
        },
      );
      expect(response.status).toBe(200);
      // A page sent in slices carries the headers of every answer.
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get('x-request-id')).toMatch(/./);
      return (await response.json()) as ChangesPage;
    };

    beforeAll(async () => {
      store = await under.open();
      hub = await startHub({ store: failingOnce(store, failures), log: (line) => logged.push(line) });
      await publishDataset(hub.admin, await exampleContract(DATASET));
      await hub.admin.pushRecords(DATASET, puskesmasRecords(RECORDS), { batchSize: 1_000 });
      const deleted = puskesmasRecords(DELETED).map((r) => ({ kode_puskesmas: r.kode_puskesmas }));
      const response = await fetch(`${hub.url}/v1/datasets/${DATASET}/records`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${hub.adminKey}`,
          'content-type': 'application/json',
          'idempotency-key': 'sliced-pages-deletes',
        },
        body: JSON.stringify({ delete: deleted }),
      });
      expect(response.status, await response.clone().text()).toBe(200);
      for (let since = 0; ; ) {
        const page = await changes(since, 1_000);
        feed.push(...page.items);
        since = page.nextSince;
        if (!page.hasMore) break;
      }
    }, 120_000);
    afterAll(async () => {
      await hub?.close();
      await store?.close();
      await under.cleanup();
    });

    it('reads the whole feed: every upsert, then the deletes without a record', () => {
      expect(feed).toHaveLength(RECORDS + DELETED);
      expect(feed.map((c) => c.seq)).toEqual(feed.map((_, i) => i + 1));
      expect(feed.at(-1)).toEqual({
        seq: RECORDS + DELETED,
        op: 'delete',
        key: expect.any(String),
        at: expect.any(String),
      });
    });

    it('answers any since and limit exactly as the page read whole (generated cases)', async () => {
      const total = feed.length;
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: total + 5 }),
          fc.oneof(
            fc.integer({ min: 1, max: 5_000 }),
            fc.constantFrom(999, 1_000, 1_001, 2_000, 2_001, 3_000, total - 1, total, total + 1),
          ),
          async (since, limit) => {
            const page = await changes(since, limit);
            const expected = feed.slice(since, since + limit);
            expect(page.items).toEqual(expected);
            expect(page.nextSince).toBe(expected.at(-1)?.seq ?? since);
            expect(page.hasMore).toBe(since + limit < total);
          },
        ),
        { seed: 20_261_207, numRuns: under.name === 'memory' ? 400 : 120 },
      );
    }, 240_000);

    it('ends a page at a slice that comes back short, without a gap, and says more follow', async () => {
      // The slices after the first are read together; the second of this request finds only 500 changes.
      failures.shortAt = failures.reads + 2;
      const page = await changes(100, 4_000);
      expect(page.items).toEqual(feed.slice(100, 1_600));
      expect(page.nextSince).toBe(1_600);
      expect(page.hasMore).toBe(true);
      const next = await changes(page.nextSince, 4_000);
      expect(next.items[0]).toEqual(feed[1_600]);
    });

    it('cuts the answer when a read fails after it started, logs why, and the client then reads every change once', async () => {
      // The third read of this request fails: the first two slices have been sent.
      failures.failAt = failures.reads + 3;
      const cut = await fetch(`${hub.url}/v1/datasets/${DATASET}/changes?since=0&limit=5000`, {
        headers: { authorization: `Bearer ${hub.adminKey}` },
      });
      expect(cut.status).toBe(200);
      await expect(cut.text()).rejects.toThrow();
      expect(logged.filter((l) => l.msg.startsWith('changes page cut short'))).toEqual([
        expect.objectContaining({ level: 'error', error: 'connection to the store lost (test)' }),
      ]);

      failures.failAt = failures.reads + 2;
      const seen: number[] = [];
      // A client as users make it: it retries a read whose answer was cut.
      const client = createHubClient({ baseUrl: hub.url, apiKey: hub.adminKey });
      for await (const change of client.pullChanges(DATASET, { limit: 5_000 })) seen.push(change.seq);
      expect(seen).toEqual(feed.map((c) => c.seq));
    });
  });
}
