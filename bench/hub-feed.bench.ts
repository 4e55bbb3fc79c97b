// The changes feed of a hub process (the built hub over HTTP: pages of 5,000, each authenticated, audited
// and written from the stored JSON text) against a bare ordered read of the same rows from the same store
// (better-sqlite3 on the hub's file / pg on the hub's schema, same pages). Target: the hub at ≥ 0.7× the
// bare read's records/s (time ratio ≤ 1.43), SQLite and PostgreSQL. The hub runs under `--cpu-prof`.
// Next to it, the floor under any HTTP feed: the hub's own answers sent by a server that does nothing but
// send bytes (bench/fixed-answers-server.mjs), read by the same fetch loop, against the same bare read: the
// part of the ratio that is HTTP and the consumer's own reading, not the hub.
// BENCH_FEED_RECORDS sets the feed's length (default 100,000); BENCH_HUB_DIST runs another build.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { generateApiKey } from '@tukar/hub';
import Database from 'better-sqlite3';
import pg from 'pg';
import { topSelfTime } from './cpu-profile';
import { fillHub } from './filled-hub';
import { type Comparison, compare, printComparisons } from './harness';
import { freshSchema, startHubProcess } from './hub-processes';

const PG_URL = process.env.TUKAR_TEST_PG_URL;
const TOTAL = Number(process.env.BENCH_FEED_RECORDS ?? 100_000);
const PAGE = 5_000;
const adminKey = generateApiKey();
const rows: Comparison[] = [];
const notes: string[] = [];

const SELECT_PAGE = {
  sqlite: 'select seq, op, key, at, json from changes where dataset_id = ? and seq > ? order by seq limit ?',
  postgres:
    'select seq, op, key, at, json from changes where dataset_id = $1 and seq > $2 order by dataset_id, seq limit $3',
};

/** Reads the whole feed from `url` in pages of PAGE, as a consumer does; checks it ends where it should. */
async function readFeed(url: string, headers: Record<string, string>): Promise<void> {
  let since = 0;
  for (;;) {
    const response = await fetch(`${url}/v1/datasets/dinkes.puskesmas/changes?since=${since}&limit=${PAGE}`, {
      headers,
    });
    const text = await response.text();
    const tail = /"nextSince":(\d+),"hasMore":(true|false)}$/.exec(text);
    if (response.status !== 200 || !tail) throw new Error(`changes answered ${response.status}`);
    since = Number(tail[1]);
    if (tail[2] === 'false') break;
  }
  if (since !== TOTAL) throw new Error(`the feed ended at ${since}, not ${TOTAL}`);
}

/** A server in its own process answering the feed's pages with the hub's answers, read once from the hub. */
async function httpFloor(hubUrl: string): Promise<{ url: string; close(): void }> {
  const answers: Record<string, string> = {};
  for (let since = 0; since <= TOTAL; since += PAGE) {
    const path = `/v1/datasets/dinkes.puskesmas/changes?since=${since}&limit=${PAGE}`;
    answers[path] = await (
      await fetch(`${hubUrl}${path}`, { headers: { authorization: `Bearer ${adminKey}` } })
    ).text();
  }
  const file = join(mkdtempSync(join(tmpdir(), 'tukar-feed-floor-')), 'answers.json');
  writeFileSync(file, JSON.stringify(answers));
  const child = spawn(process.execPath, [join(import.meta.dirname, 'fixed-answers-server.mjs'), file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const first = await createInterface({ input: child.stdout as NodeJS.ReadableStream })
    [Symbol.asyncIterator]()
    .next();
  return {
    url: String(first.value),
    close() {
      child.kill('SIGTERM');
      rmSync(dirname(file), { recursive: true, force: true });
    },
  };
}

async function benchFeed(kind: 'sqlite' | 'postgres'): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'tukar-feed-bench-'));
  const schema = kind === 'postgres' ? await freshSchema(PG_URL as string, 'feed') : undefined;
  const hub = await startHubProcess({
    store: schema ? `postgres:${PG_URL}#${schema.schema}` : `sqlite:${work}`,
    adminKey,
    dist: process.env.BENCH_HUB_DIST,
    profileDir: work,
  });
  let bareRead: (since: number) => Promise<number>;
  let closeBare: () => Promise<void>;
  try {
    await fillHub(hub.url, adminKey, TOTAL);
    if (schema) {
      const pool = new pg.Pool({
        connectionString: PG_URL,
        max: 1,
        options: `-c search_path=${schema.schema}`,
      });
      bareRead = async (since) =>
        (
          await pool.query({
            name: 'page',
            text: SELECT_PAGE.postgres,
            values: ['dinkes.puskesmas', since, PAGE],
          })
        ).rows.length;
      closeBare = () => pool.end();
    } else {
      const db = new Database(join(work, 'hub.db'), { readonly: true });
      const statement = db.prepare(SELECT_PAGE.sqlite);
      bareRead = async (since) => statement.all('dinkes.puskesmas', since, PAGE).length;
      closeBare = async () => void db.close();
    }
    const baseline = async () => {
      let read = 0;
      for (let since = 0; since < TOTAL; since += PAGE) read += await bareRead(since);
      if (read !== TOTAL) throw new Error(`the bare read found ${read} changes, not ${TOTAL}`);
    };
    const row = await compare(
      `changes feed of ${TOTAL.toLocaleString('en')}, ${kind} (hub process vs bare read)`,
      {
        rounds: Number(process.env.BENCH_ROUNDS ?? 5),
        target: 1 / 0.7,
        baseline,
        candidate: () => readFeed(hub.url, { authorization: `Bearer ${adminKey}` }),
      },
    );
    rows.push(row);
    // The floor: the hub's own answers, sent by a server that only sends bytes, read by the same loop.
    const floor = await httpFloor(hub.url);
    try {
      rows.push(
        await compare(
          `the same answers from a bare HTTP server (no store), ${kind} (HTTP floor vs bare read)`,
          {
            rounds: Number(process.env.BENCH_ROUNDS ?? 5),
            baseline,
            candidate: () => readFeed(floor.url, {}),
          },
        ),
      );
    } finally {
      floor.close();
    }
    const perSecond = (ms: number) => Math.round((TOTAL / ms) * 1000).toLocaleString('en');
    notes.push(
      `changes feed ${kind}: hub ${perSecond(row.candidateMs)} rec/s, bare ${perSecond(row.baselineMs)} rec/s: hub at ${(row.baselineMs / row.candidateMs).toFixed(2)}× bare (target ≥ 0.7×)`,
    );
    await closeBare();
  } finally {
    const profile = await hub.stop();
    if (profile)
      notes.push(
        `where the hub's time went (fill and feed, ${kind}), self time:`,
        ...topSelfTime(profile).map((l) => `  ${l}`),
      );
    await schema?.drop();
    rmSync(work, { recursive: true, force: true });
  }
}

for (const kind of ['sqlite', ...(PG_URL ? ['postgres' as const] : [])] as const) await benchFeed(kind);
if (!PG_URL) notes.push('PostgreSQL skipped: set TUKAR_TEST_PG_URL to bench it.');
printComparisons(rows);
for (const note of notes) console.log(note);
