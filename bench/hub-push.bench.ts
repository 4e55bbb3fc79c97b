// Pushing batches to a hub process (the built hub over HTTP: body parsed, every record validated against
// the contract, canonical JSON, audit entry and receipt in the batch's transaction) against a bare store
// doing the same row work (parse the body, upsert every record and append its change in one transaction:
// better-sqlite3 prepared upserts on SQLite, COPY on PostgreSQL), batches of 1,000 and 5,000, rounds
// alternating. Target: the hub at ≥ 0.7× the bare store's records/s (time ratio ≤ 1.43), and a 1,000-record
// batch on SQLite under 25 ms. The hub runs under `--cpu-prof`; the report lists where its time went.
// BENCH_HUB_DIST=<dist directory> runs another build of the hub (figures before a change).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHubClient } from '@tukar/client';
import { generateApiKey } from '@tukar/hub';
import { exampleContract, publishDataset, puskesmasRecords } from '../packages/hub/test/hub-fixture';
import { type BareStore, barePostgres, bareSqlite } from './bare-stores';
import { topSelfTime } from './cpu-profile';
import { type Comparison, compare, printComparisons } from './harness';
import { freshSchema, startHubProcess } from './hub-processes';

const PG_URL = process.env.TUKAR_TEST_PG_URL;
const adminKey = generateApiKey();
const contract = await exampleContract('dinkes.puskesmas');
const TARGET = 1 / 0.7;
const rows: Comparison[] = [];
const notes: string[] = [];

async function benchStore(kind: 'sqlite' | 'postgres', batch: number, rounds: number): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'tukar-push-bench-'));
  const hubSchema =
    kind === 'postgres' ? await freshSchema(PG_URL as string, `push_hub_${batch}`) : undefined;
  const bareSchema =
    kind === 'postgres' ? await freshSchema(PG_URL as string, `push_bare_${batch}`) : undefined;
  const hub = await startHubProcess({
    store: hubSchema ? `postgres:${PG_URL}#${hubSchema.schema}` : `sqlite:${work}`,
    adminKey,
    dist: process.env.BENCH_HUB_DIST,
    profileDir: work,
  });
  const bare: BareStore = bareSchema
    ? await barePostgres(PG_URL as string, bareSchema.schema)
    : bareSqlite(work);
  try {
    await publishDataset(createHubClient({ baseUrl: hub.url, apiKey: adminKey }), contract);
    // Bodies are made before timing; every round writes new keys.
    const bodies = Array.from({ length: rounds + 1 }, (_, i) =>
      JSON.stringify({ upsert: puskesmasRecords(batch, i * batch) }),
    );
    let hubRound = 0;
    let bareRound = 0;
    const row = await compare(`push ${batch.toLocaleString('en')} a batch, ${kind} (hub process vs bare)`, {
      rounds,
      target: TARGET,
      baseline: () => bare.push(bodies[bareRound++] as string, 'kode_puskesmas'),
      candidate: async () => {
        const body = bodies[hubRound++] as string;
        const response = await fetch(`${hub.url}/v1/datasets/dinkes.puskesmas/records`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${adminKey}`,
            'content-type': 'application/json',
            'idempotency-key': `bench-push-${hubRound}-abcdef`,
          },
          body,
        });
        const text = await response.text();
        if (response.status !== 200 || !text.includes(`"created":${batch}`))
          throw new Error(`push answered ${response.status}: ${text.slice(0, 300)}`);
      },
    });
    rows.push(row);
    const perSecond = (ms: number) => Math.round((batch / ms) * 1000).toLocaleString('en');
    notes.push(
      `push ${batch} ${kind}: hub ${perSecond(row.candidateMs)} rec/s (median ${row.candidateMs.toFixed(1)} ms a batch), bare ${perSecond(row.baselineMs)} rec/s: hub at ${(row.baselineMs / row.candidateMs).toFixed(2)}× bare (target ≥ 0.7×)`,
    );
    if (kind === 'sqlite' && batch === 1_000)
      notes.push(
        `1,000-record batch on SQLite: median ${row.candidateMs.toFixed(1)} ms (target under 25 ms: ${row.candidateMs < 25 ? 'met' : 'MISSED'})`,
      );
  } finally {
    const profile = await hub.stop();
    await bare.close();
    if (profile)
      notes.push(
        `where the hub's time went (push ${batch}, ${kind}), self time:`,
        ...topSelfTime(profile).map((l) => `  ${l}`),
      );
    await hubSchema?.drop();
    await bareSchema?.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

for (const kind of ['sqlite', ...(PG_URL ? ['postgres' as const] : [])] as const) {
  await benchStore(kind, 1_000, Number(process.env.BENCH_ROUNDS ?? 20));
  await benchStore(kind, 5_000, Number(process.env.BENCH_ROUNDS ?? 10));
}
if (!PG_URL) notes.push('PostgreSQL skipped: set TUKAR_TEST_PG_URL to bench it.');
printComparisons(rows);
for (const note of notes) console.log(note);
