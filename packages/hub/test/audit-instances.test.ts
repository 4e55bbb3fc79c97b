// Three `tukar-hub` processes on one PostgreSQL, six producers pushing and three consumers tailing the
// changes feed: every batch commits exactly once, no request is retried (audit entries no longer race
// on a shared chain), and the audit log, sealed by whichever instance gets the sealer's lock, verifies.
import { randomBytes } from 'node:crypto';
import { createHubClient, type HubClient, verifyReceipt } from '@tukar/client';
import { afterAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../src/index';
import { BinProcess } from './bin-process';
import { exampleContract, pgQuery, publishDataset, puskesmasRecords } from './hub-fixture';

const url = process.env['TUKAR_TEST_PG_URL'];
const DATASET = 'dinkes.puskesmas';
const PRODUCERS = 6;
const BATCHES = 8;
const RECORDS = 250;

if (!url) {
  describe.skip('three hub processes on one PostgreSQL (skipped: set TUKAR_TEST_PG_URL)', () => {
    it('needs a PostgreSQL server', () => {});
  });
} else {
  describeInstances(url);
}

function describeInstances(url: string): void {
  const schema = `tukar_instances_${process.pid}_${randomBytes(3).toString('hex')}`;
  const hubs: BinProcess[] = [];
  const sql = (text: string) => pgQuery(url, text);

  afterAll(async () => {
    for (const hub of hubs) hub.kill();
    await sql(`drop schema if exists "${schema}" cascade`);
  });

  it('commits every batch of six producers exactly once across three instances, with no retry', async () => {
    await sql(`create schema "${schema}"`);
    const store = new URL(url);
    store.searchParams.set('options', `-c search_path=${schema}`);
    const adminKey = generateApiKey();
    for (let i = 0; i < 3; i++) {
      hubs.push(
        await BinProcess.start(['--store', store.toString(), '--rate-limit', '0'], {
          TUKAR_ADMIN_KEY: adminKey,
        }),
      );
    }
    /** Every request a client sent, to show none was sent twice. */
    const sent: string[] = [];
    const clientOf = (i: number): HubClient =>
      createHubClient({
        baseUrl: (hubs[i % 3] as BinProcess).url,
        apiKey: adminKey,
        fetch: (request) => {
          sent.push(`${request.method} ${request.headers.get('idempotency-key') ?? ''}`);
          return fetch(request);
        },
      });
    await publishDataset(clientOf(0), await exampleContract(DATASET));

    let producing = true;
    const consumed = [0, 0, 0];
    const consumers = [0, 1, 2].map(async (c) => {
      const client = clientOf(c);
      let since = 0;
      while (producing || since < PRODUCERS * BATCHES * RECORDS) {
        const page = await client.unwrap(
          client.GET('/v1/datasets/{datasetId}/changes', {
            params: { path: { datasetId: DATASET }, query: { since, limit: 1000 } },
          }),
        );
        consumed[c] = (consumed[c] ?? 0) + page.items.length;
        since = page.nextSince;
        if (page.items.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    const receipts = await Promise.all(
      Array.from({ length: PRODUCERS }, async (_, p) => {
        const client = clientOf(p);
        const mine: string[] = [];
        for (let b = 0; b < BATCHES; b++) {
          const from = (p * BATCHES + b) * RECORDS;
          const result = await client.pushRecords(DATASET, puskesmasRecords(RECORDS, from));
          expect(result.created).toBe(RECORDS);
          mine.push(...result.receipts);
        }
        return mine;
      }),
    );
    producing = false;
    await Promise.all(consumers);

    const pushes = sent.filter((line) => line.startsWith('POST ') && line.length > 'POST '.length);
    expect(pushes).toHaveLength(PRODUCERS * BATCHES);
    expect(new Set(pushes).size).toBe(pushes.length); // no push was sent again
    expect(consumed).toEqual([1, 2, 3].map(() => PRODUCERS * BATCHES * RECORDS));

    const admin = clientOf(0);
    const dataset = await admin.unwrap(
      admin.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: DATASET } } }),
    );
    expect(dataset).toMatchObject({
      recordCount: PRODUCERS * BATCHES * RECORDS,
      lastSeq: PRODUCERS * BATCHES * RECORDS,
    });
    const jwks = await (await fetch(`${hubs[0]?.url}/.well-known/jwks.json`)).json();
    for (const receipt of receipts.flat())
      expect(await verifyReceipt(receipt, jwks)).toMatchObject({ ok: true });

    // Each instance seals what it buffered; the log verifies and holds each push once, with status 200.
    await Promise.all([0, 1, 2].map((i) => clientOf(i).unwrap(clientOf(i).POST('/v1/audit/checkpoints'))));
    const verification = await admin.unwrap(admin.GET('/v1/audit/verify'));
    expect(verification).toMatchObject({ ok: true, issues: [] });
    const entries = [];
    for (let since = 0; ; ) {
      const page = await admin.unwrap(
        admin.GET('/v1/audit', { params: { query: { since, limit: 1000, datasetId: DATASET } } }),
      );
      entries.push(...page.items);
      since = page.nextSince;
      if (!page.hasMore) break;
    }
    const audited = entries.filter(
      (e) => e.method === 'POST' && e.path === `/v1/datasets/${DATASET}/records`,
    );
    expect(audited.map((e) => e.status)).toEqual(Array(PRODUCERS * BATCHES).fill(200));
    expect(new Set(audited.map((e) => e.requestId)).size).toBe(PRODUCERS * BATCHES);
    for (const hub of hubs) expect(hub.lines.join('\n')).not.toMatch(/audit (append|write) failed/);
  }, 240_000);
}
