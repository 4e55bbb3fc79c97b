// Read latency while 5,000-record batches are pushed (target: p50 during pushes within 2× of alone),
// on SQLite and, with TUKAR_TEST_PG_URL, PostgreSQL: a hub process (bench/hub-processes.ts), reads of
// one record at a time, first alone, then while two producers push 5,000-record batches of new records
// back to back. Reads do not wait in an audit queue behind the batches, nor (SQLite) for a batch's
// transaction: they have a read-only connection of their own. What they still share with the batches is
// the hub's one event loop, which a batch gives up every 0.1 ms or so (src/event-loop-slices.ts)
// except in steps it cannot cut: parsing the body, the spec check, planning, SQLite's commit, and the
// garbage collector's pauses. Part of hub.bench.ts; runs alone with
// `node --import tsx bench/audit-read-latency.ts`. The hub runs under `--cpu-prof`; the report lists where
// its time went.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHubClient } from '@tukar/client';
import { generateApiKey } from '@tukar/hub';
import { exampleContract, publishDataset, puskesmasRecords } from '../packages/hub/test/hub-fixture';
import { topSelfTime } from './cpu-profile';
import type { Comparison } from './harness';
import { freshSchema, startHubProcess } from './hub-processes';

const READS = 150;
const BATCH = 5_000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Read latencies (p50, p99) alone and during pushes, on one store. */
async function measure(storeName: string, storeArg: string | undefined) {
  const work = mkdtempSync(join(tmpdir(), 'tukar-audit-bench-'));
  const adminKey = generateApiKey();
  const hub = await startHubProcess({
    store: storeArg ?? `sqlite:${work}`,
    adminKey,
    profileDir: join(work, 'profile'),
  });
  let stopped: Promise<string | undefined> | undefined;
  const stopHub = () => {
    stopped ??= hub.stop();
    return stopped;
  };
  const baseUrl = hub.url;
  const client = createHubClient({ baseUrl, apiKey: adminKey, timeoutMs: 120_000 });
  try {
    await publishDataset(client, await exampleContract('dinkes.puskesmas'));
    const seeded = puskesmasRecords(1_000);
    await client.pushRecords('dinkes.puskesmas', seeded);
    const keys = seeded.map((r) => String(r.kode_puskesmas));
    const reads = async () => {
      const ms: number[] = [];
      for (let i = 0; i < READS; i++) {
        const started = performance.now();
        const answer = await fetch(
          `${baseUrl}/v1/datasets/dinkes.puskesmas/records/${keys[i % keys.length]}`,
          {
            headers: { authorization: `Bearer ${adminKey}` },
          },
        );
        await answer.arrayBuffer();
        ms.push(performance.now() - started);
      }
      return ms;
    };
    await reads(); // warm-up
    const alone = await reads();
    // The producers' bodies are made before measuring: this process's event loop then only sends them,
    // and the latencies measured are the hub's, not this process's own batch building.
    const bodies = [0, 1].map((p) =>
      [0, 1, 2, 3].map((round) =>
        JSON.stringify({ upsert: puskesmasRecords(BATCH, 100_000 * (p + 1) + round * BATCH) }),
      ),
    );
    let pushing = true;
    let batches = 0;
    const producers = [0, 1].map(async (p) => {
      for (let round = 0; pushing; round++) {
        const answer = await fetch(`${baseUrl}/v1/datasets/dinkes.puskesmas/records`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${adminKey}`,
            'content-type': 'application/json',
            'idempotency-key': crypto.randomUUID(),
          },
          body: bodies[p]?.[round % 4],
        });
        if (answer.status !== 200)
          throw new Error(`a push answered ${answer.status}: ${await answer.text()}`);
        await answer.arrayBuffer();
        batches++;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the first batches are in flight
    const during = await reads();
    pushing = false;
    await Promise.all(producers);
    const profile = await stopHub();
    return {
      storeName,
      profile: profile ? topSelfTime(profile) : [],
      alone: { p50: percentile(alone, 50), p99: percentile(alone, 99) },
      during: { p50: percentile(during, 50), p99: percentile(during, 99) },
      batches,
    };
  } finally {
    await stopHub();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The comparison rows (p50 during pushes vs alone, target 2×) and a line per store. */
export async function benchAuditReadLatency(): Promise<{ rows: Comparison[]; lines: string[] }> {
  const stores: Array<[string, string | undefined, () => Promise<void>]> = [
    ['SQLite', undefined, async () => undefined],
  ];
  const url = process.env.TUKAR_TEST_PG_URL;
  if (url) {
    const { schema, drop } = await freshSchema(url, 'audit_read_latency');
    stores.push(['PostgreSQL', `postgres:${url}#${schema}`, drop]);
  }
  const rows: Comparison[] = [];
  const lines: string[] = [];
  for (const [name, arg, cleanup] of stores.reverse()) {
    try {
      const m = await measure(name, arg);
      rows.push({
        name: `${name}: read p50 during 5,000-record pushes vs alone`,
        baselineMs: m.alone.p50,
        candidateMs: m.during.p50,
        ratio: m.during.p50 / m.alone.p50,
        target: 2,
      });
      lines.push(
        `${name} reads: alone p50 ${m.alone.p50.toFixed(1)} ms, p99 ${m.alone.p99.toFixed(1)} ms; during ${m.batches} pushes of ${BATCH.toLocaleString('en')} records p50 ${m.during.p50.toFixed(1)} ms, p99 ${m.during.p99.toFixed(1)} ms`,
        `where the ${name} hub's time went (reads alone and during pushes), self time:`,
        ...m.profile.map((line) => `  ${line}`),
      );
    } finally {
      await cleanup();
    }
  }
  return { rows, lines };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printComparisons } = await import('./harness');
  const { rows, lines } = await benchAuditReadLatency();
  printComparisons(rows);
  for (const line of lines) console.log(line);
}
