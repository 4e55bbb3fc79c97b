// @tukar/hub on SQLite: (1) one 1,000-record batch validated and committed (target under 25 ms),
// against bare better-sqlite3 inserting the same rows in one transaction; (2) 1M records pushed over
// HTTP with @tukar/client to a hub process running the built hub, and read back through the changes feed
// (none lost or duplicated), with records/s both ways and the hub process's peak RSS (target ≤ 200 MB),
// with Node's default heap and again with the heap capped (128 MB old, 8 MB semi-spaces: the guide's advice
// for small machines),
// against bare SQLite upserting the records and appending the changes of 1M rows and reading them back;
// (1b) a batch's receipt signing (target under 1 ms, bench/receipt-signing.ts); (1c) sealing 1,000 audit
// entries into a signed checkpoint (bench/audit-sealing.ts); (3) read latency alone and during
// 5,000-record pushes, SQLite and PostgreSQL (target p50 within 2×, bench/audit-read-latency.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHubClient } from '@tukar/client';
import { createHub, generateApiKey } from '@tukar/hub';
import { openSqliteStore } from '@tukar/hub/node';
import Database from 'better-sqlite3';
import { exampleContract, publishDataset, puskesmasRecords } from '../packages/hub/test/hub-fixture';
import { benchAuditReadLatency } from './audit-read-latency';
import { benchAuditSealing } from './audit-sealing';
import { bareSqlite } from './bare-stores';
import { compare, printComparisons } from './harness';
import { startHubProcess } from './hub-processes';
import { benchReceiptSigning, receiptLine } from './receipt-signing';

const work = mkdtempSync(join(tmpdir(), 'tukar-hub-bench-'));
const adminKey = generateApiKey();
const contract = await exampleContract('dinkes.puskesmas');
const auth = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };

// ── (1) one 1,000-record batch ───────────────────────────────────────────────────────────────────────
const store = await openSqliteStore({ file: join(work, 'batch.db') });
const hub = await createHub({ store, adminKey, rateLimit: false });
const call = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await hub.fetch(
    new Request(`http://hub.bench${path}`, {
      method,
      headers: { ...auth, ...headers },
      body: JSON.stringify(body),
    }),
  );
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
};
await call('PUT', `/v1/contracts/dinkes.puskesmas/versions/${contract.version}`, contract);
await call('PUT', '/v1/datasets/dinkes.puskesmas', { contractVersion: contract.version });

const raw = new Database(join(work, 'raw.db'));
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = NORMAL');
raw.exec(
  'create table records (dataset_id text, key text, seq integer, updated_at text, json text, primary key (dataset_id, key))',
);
raw.exec(
  'create table changes (dataset_id text, seq integer, op text, key text, at text, json text, primary key (dataset_id, seq))',
);
const insertRecord = raw.prepare('insert into records values (?, ?, ?, ?, ?)');
const insertChange = raw.prepare('insert into changes values (?, ?, ?, ?, ?, ?)');
let rawSeq = 0;
const rawBatch = raw.transaction((records: Array<Record<string, unknown>>) => {
  const at = new Date().toISOString();
  for (const record of records) {
    const json = JSON.stringify(record);
    rawSeq++;
    insertRecord.run('dinkes.puskesmas', String(record.kode_puskesmas), rawSeq, at, json);
    insertChange.run('dinkes.puskesmas', rawSeq, 'upsert', String(record.kode_puskesmas), at, json);
  }
});

const BATCH = 1_000;
const ROUNDS = 30;
// Records are made before timing: each round writes 1,000 new keys.
const hubBatches = Array.from({ length: ROUNDS + 1 }, (_, i) => puskesmasRecords(BATCH, i * BATCH));
const rawBatches = Array.from({ length: ROUNDS + 1 }, (_, i) => puskesmasRecords(BATCH, i * BATCH));
let roundHub = 0;
let roundRaw = 0;
const batchRow = await compare('1,000-record batch on SQLite (hub.fetch vs bare better-sqlite3)', {
  rounds: ROUNDS,
  baseline: () => {
    rawBatch(rawBatches[roundRaw++] as Array<Record<string, unknown>>);
  },
  candidate: async () => {
    const upsert = hubBatches[roundHub++];
    await call(
      'POST',
      '/v1/datasets/dinkes.puskesmas/records',
      { upsert },
      { 'idempotency-key': `bench-${roundHub}-abcdef` },
    );
  },
});
await store.close();
raw.close();

// ── (1b) receipt signing per committed batch (target under 1 ms) ────────────────────────────────────
const receipts = await benchReceiptSigning();

// ── (1c) sealing 1,000 audit entries into a signed checkpoint ───────────────────────────────────────
const sealing = await benchAuditSealing();

// ── (2) 1M records through a hub process (the built hub, bench/hub-process.mjs) ─────────────────────
const TOTAL = Number(process.env.HUB_BENCH_RECORDS ?? 1_000_000);
async function* generated(total: number) {
  for (let offset = 0; offset < total; offset += 5_000)
    yield* puskesmasRecords(Math.min(5_000, total - offset), offset);
}

/**
 * TOTAL records pushed to a new hub process on a SQLite file in `dir`, then read back through the feed:
 * the times, what the push reports, how many distinct keys came back and how many changes were out of
 * order or repeated, and the process's peak RSS.
 */
async function throughHubProcess(dir: string, nodeFlags?: string[]) {
  const hubProcess = await startHubProcess({
    store: `sqlite:${dir}`,
    adminKey,
    dist: process.env.BENCH_HUB_DIST,
    ...(nodeFlags && { nodeFlags }),
  });
  const client = createHubClient({ baseUrl: hubProcess.url, apiKey: adminKey, timeoutMs: 120_000 });
  await publishDataset(client, contract);
  let started = performance.now();
  const pushed = await client.pushRecords('dinkes.puskesmas', generated(TOTAL), { batchSize: 5_000 });
  const pushMs = performance.now() - started;
  started = performance.now();
  let expectedSeq = 1;
  const keys = new Set<string>();
  let problems = 0;
  for await (const change of client.pullChanges('dinkes.puskesmas', { limit: 5_000 })) {
    if (change.seq !== expectedSeq) problems++;
    expectedSeq = change.seq + 1;
    if (keys.has(change.key)) problems++;
    keys.add(change.key);
  }
  const pullMs = performance.now() - started;
  const peakRss = await hubProcess.peakRss();
  await hubProcess.stop();
  return { pushed, pushMs, pullMs, distinctKeys: keys.size, problems, peakRss };
}

const { pushed, pushMs, pullMs, distinctKeys, problems, peakRss } = await throughHubProcess(work);

// The same 1M through a hub process whose heap is capped as the Diskominfo guide suggests for a small
// machine (Node's default lets the heap grow to several times what it holds between collections).
const CAPPED_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=8'];
const cappedDir = mkdtempSync(join(tmpdir(), 'tukar-hub-bench-capped-'));
const capped = await throughHubProcess(cappedDir, CAPPED_FLAGS);
rmSync(cappedDir, { recursive: true, force: true });

// Bare SQLite doing the same row work (records upserted and changes appended, in one transaction a
// batch of 5,000, the body parsed) and the same ordered read with each record parsed, for the ratio.
const bareDir = mkdtempSync(join(tmpdir(), 'tukar-hub-bench-bare-'));
const bare = bareSqlite(bareDir);
let started = performance.now();
for (let offset = 0; offset < TOTAL; offset += 5_000)
  await bare.push(
    JSON.stringify({ upsert: puskesmasRecords(Math.min(5_000, TOTAL - offset), offset) }),
    'kode_puskesmas',
  );
const barePushMs = performance.now() - started;
started = performance.now();
let bareRead = 0;
for (let since = 0; ; ) {
  const page = await bare.changes(since, 5_000);
  if (page.length === 0) break;
  for (const row of page) JSON.parse(row.json as string);
  bareRead += page.length;
  since = Number(page.at(-1)?.seq);
}
const barePullMs = performance.now() - started;
await bare.close();
rmSync(bareDir, { recursive: true, force: true });
rmSync(work, { recursive: true, force: true });

// ── (3) read latency alone and during 5,000-record pushes ──────────────────────────────────────────
const readLatency = await benchAuditReadLatency();

printComparisons([
  { ...batchRow, target: undefined },
  receipts.row,
  receipts.originRow,
  sealing,
  ...readLatency.rows,
  {
    name: `${TOTAL.toLocaleString('en')} records pushed over HTTP (client → hub → SQLite) vs bare SQLite writes`,
    baselineMs: barePushMs,
    candidateMs: pushMs,
    ratio: pushMs / barePushMs,
  },
  {
    name: `${TOTAL.toLocaleString('en')} records pulled through the changes feed vs a bare ordered read`,
    baselineMs: barePullMs,
    candidateMs: pullMs,
    ratio: pullMs / barePullMs,
  },
]);
const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en');
console.log(
  `1,000-record batch on SQLite: median ${batchRow.candidateMs.toFixed(1)} ms (target under 25 ms: ${batchRow.candidateMs < 25 ? 'met' : 'MISSED'})`,
);
console.log(
  `push: ${pushed.records.toLocaleString('en')} records, created ${pushed.created.toLocaleString('en')}, ${perSecond(TOTAL, pushMs)} records/s (bare SQLite ${perSecond(TOTAL, barePushMs)}/s)`,
);
console.log(
  `pull: ${distinctKeys.toLocaleString('en')} distinct keys, ${problems} gaps or duplicates, ${perSecond(distinctKeys, pullMs)} records/s (bare read ${perSecond(bareRead, barePullMs)}/s)`,
);
console.log(receiptLine(receipts.perReceiptMs));
console.log(
  `audit sealing: ${(sealing.candidateMs - sealing.baselineMs).toFixed(1)} ms per 1,000 entries (on top of ${sealing.baselineMs.toFixed(1)} ms writing them)`,
);
for (const line of readLatency.lines) console.log(line);
const mb = (bytes: number) =>
  `${(bytes / 1048576).toFixed(0)} MB (target ≤ 200 MB: ${bytes <= 200 * 1048576 ? 'met' : 'MISSED'})`;
console.log(`hub process peak RSS: ${mb(peakRss)}`);
console.log(
  `with node ${CAPPED_FLAGS.join(' ')}: hub process peak RSS ${mb(capped.peakRss)}, push ${perSecond(TOTAL, capped.pushMs)} records/s, pull ${perSecond(capped.distinctKeys, capped.pullMs)} records/s`,
);
for (const run of [
  { name: "Node's defaults", distinctKeys, problems, pushed },
  { name: CAPPED_FLAGS.join(' '), ...capped },
]) {
  if (run.distinctKeys !== TOTAL || run.problems > 0 || run.pushed.created !== TOTAL) {
    console.error(`LOST OR DUPLICATED RECORDS (${run.name})`);
    process.exit(1);
  }
}
