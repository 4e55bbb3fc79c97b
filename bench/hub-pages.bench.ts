// Pages of records from a hub process (the built hub over HTTP: authenticated, checked, audited, written
// from the stored JSON text) against a bare node:http handler in its own process reading the same page from
// the same store and answering the same bytes (bench/bare-records-server.mjs). Pages of 100 and 1,000 at
// concurrency 1 and 16, throughput and p99, rounds alternating; target: hub ≥ 0.5× bare. On PostgreSQL
// also: two hub processes on one schema against one (target ≥ 1.7×), and the PostgreSQL page against the
// SQLite page at concurrency 1 (target: within 2×). BENCH_PAGES_RECORDS sets the dataset's size (default
// 20,000), BENCH_PAGES_REQUESTS the requests a measurement (default 400); BENCH_HUB_DIST another build.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { generateApiKey } from '@tukar/hub';
import { topSelfTime } from './cpu-profile';
import { fillHub, recordKey } from './filled-hub';
import { alternate, type LoadResult, load } from './http-load';
import { freshSchema, type HubProcess, startHubProcess } from './hub-processes';

const PG_URL = process.env.TUKAR_TEST_PG_URL;
const RECORDS = Number(process.env.BENCH_PAGES_RECORDS ?? 20_000);
const REQUESTS = Number(process.env.BENCH_PAGES_REQUESTS ?? 400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const adminKey = generateApiKey();
const auth = { authorization: `Bearer ${adminKey}` };
const table: Array<Record<string, string>> = [];
const notes: string[] = [];
const sqlitePageRps = new Map<number, number>();

/** Cursors spread over the dataset (the hub's cursor: base64url of {"k": key}), and the first page. */
function pagePaths(limit: number): string[] {
  const cursor = (key: string) =>
    btoa(JSON.stringify({ k: key }))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  return Array.from({ length: 64 }, (_, i) => {
    const n = (i * 7919) % Math.max(1, RECORDS - limit);
    return i === 0 ? `?limit=${limit}` : `?limit=${limit}&cursor=${cursor(recordKey(n))}`;
  });
}

async function startBare(store: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'bare-records-server.mjs'), store], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const first = await createInterface({ input: child.stdout as NodeJS.ReadableStream })
    [Symbol.asyncIterator]()
    .next();
  return { url: String(first.value), child };
}

const show = (r: LoadResult) =>
  `${Math.round(r.rps)}/s p50 ${r.p50Ms.toFixed(1)} ms p99 ${r.p99Ms.toFixed(1)} ms`;

async function benchPages(kind: 'sqlite' | 'postgres'): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'tukar-pages-bench-'));
  const schema = kind === 'postgres' ? await freshSchema(PG_URL as string, 'pages') : undefined;
  const store = schema ? `postgres:${PG_URL}#${schema.schema}` : `sqlite:${work}`;
  const hubs: HubProcess[] = [];
  let bare: { url: string; child: ChildProcess } | undefined;
  try {
    const hub = await startHubProcess({
      store,
      adminKey,
      dist: process.env.BENCH_HUB_DIST,
      profileDir: work,
    });
    hubs.push(hub);
    await fillHub(hub.url, adminKey, RECORDS);
    bare = await startBare(store);
    const bareUrl = `${bare.url}/records`;
    const hubUrl = `${hub.url}/v1/datasets/dinkes.puskesmas/records`;
    for (const limit of [100, 1_000]) {
      const paths = pagePaths(limit);
      for (const concurrency of [1, 16]) {
        const total = limit === 1_000 ? Math.max(50, REQUESTS / 4) : REQUESTS;
        const [hubResult, bareResult] = await alternate(
          ROUNDS,
          () => load({ baseUrls: [hubUrl], paths, concurrency, total, headers: auth }),
          () => load({ baseUrls: [bareUrl], paths, concurrency, total }),
        );
        const ratio = hubResult.rps / bareResult.rps;
        table.push({
          bench: `records page of ${limit}, ${kind}, concurrency ${concurrency}`,
          hub: show(hubResult),
          bare: show(bareResult),
          'hub / bare': `${ratio.toFixed(2)}×`,
          target: '≥ 0.5×',
          verdict: ratio >= 0.5 ? 'met' : 'MISSED',
        });
        if (concurrency === 1 && kind === 'sqlite') sqlitePageRps.set(limit, hubResult.rps);
        if (concurrency === 1 && kind === 'postgres') {
          const sqlite = sqlitePageRps.get(limit);
          if (sqlite)
            notes.push(
              `records page of ${limit} at concurrency 1: PostgreSQL ${Math.round(hubResult.rps)}/s, SQLite ${Math.round(sqlite)}/s: SQLite / PostgreSQL ${(sqlite / hubResult.rps).toFixed(2)}× (target within 2×)`,
            );
        }
      }
    }
    if (kind === 'postgres') {
      const second = await startHubProcess({ store, adminKey, dist: process.env.BENCH_HUB_DIST });
      hubs.push(second);
      const secondUrl = `${second.url}/v1/datasets/dinkes.puskesmas/records`;
      const paths = pagePaths(100);
      const [two, one] = await alternate(
        ROUNDS,
        () => load({ baseUrls: [hubUrl, secondUrl], paths, concurrency: 16, total: REQUESTS, headers: auth }),
        () => load({ baseUrls: [hubUrl], paths, concurrency: 16, total: REQUESTS, headers: auth }),
      );
      table.push({
        bench: 'records page of 100, postgres, concurrency 16: two hub processes vs one',
        hub: show(two),
        bare: show(one),
        'hub / bare': `${(two.rps / one.rps).toFixed(2)}×`,
        target: '≥ 1.7×',
        verdict: two.rps / one.rps >= 1.7 ? 'met' : 'MISSED',
      });
      // Whether a second process could go faster at all: with every core already busy under one hub
      // process (the hub, PostgreSQL and this load generator share the machine), a second has no core to use.
      const busy = (r: LoadResult) =>
        `${(r.machineBusy * 100).toFixed(0)}% of ${cpus().length} cores busy (load generator ${r.generatorCores.toFixed(2)} cores)`;
      notes.push(`two hub processes vs one on PostgreSQL: one: ${busy(one)}; two: ${busy(two)}`);
    }
  } finally {
    bare?.child.kill('SIGTERM');
    const profile = await hubs[0]?.stop();
    await hubs[1]?.stop();
    if (profile)
      notes.push(
        `where the hub's time went (fill and pages, ${kind}), self time:`,
        ...topSelfTime(profile).map((l) => `  ${l}`),
      );
    await schema?.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

for (const kind of ['sqlite', ...(PG_URL ? ['postgres' as const] : [])] as const) await benchPages(kind);
if (!PG_URL) notes.push('PostgreSQL skipped: set TUKAR_TEST_PG_URL to bench it.');
console.table(table);
for (const note of notes) console.log(note);
