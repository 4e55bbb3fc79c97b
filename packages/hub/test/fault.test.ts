// Crashes and shutdowns of a hub process on a SQLite file. The hub runs in a child process
// (test/fault-child.ts) that tells on stdout when a push reaches authentication, validation and the
// batch's transaction, so the test can kill it in each phase without guessing with delays.
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHubClient, type HubClient } from '@tukar/client';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../src/index';
import { BinProcess } from './bin-process';
import { exampleContract, publishDataset, puskesmasRecords } from './hub-fixture';

const childScript = fileURLToPath(new URL('./fault-child.ts', import.meta.url));
const DATASET = 'dinkes.puskesmas';
const BATCH_SIZE = 5000;
const IDEMPOTENCY_KEY = 'fault-batch-0001';
/** How long to wait for a child's line or exit before calling it hung (a guard, not a measurement). */
const GUARD_MS = 60_000;

const adminKey = generateApiKey();
const batchBody = Buffer.from(JSON.stringify({ upsert: puskesmasRecords(BATCH_SIZE) }));
const tempDirs: string[] = [];

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function newDatabaseFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tukar-fault-'));
  tempDirs.push(dir);
  return join(dir, 'hub.db');
}

/** Starts test/fault-child.ts on `file`: a hub that tells on stdout where a push has got to. */
function startFaultChild(file: string): Promise<BinProcess> {
  return BinProcess.run(
    childScript,
    [],
    { TUKAR_FAULT_DB: file, TUKAR_ADMIN_KEY: adminKey },
    /^LISTENING (.+)$/,
  );
}

function adminClient(hub: BinProcess): HubClient {
  return createHubClient({ baseUrl: hub.url, apiKey: adminKey, retry: { retries: 0 } });
}

/** What a push sent with node:http got: an answer, or the connection's end without one. */
type PushOutcome = { status: number; body: Record<string, unknown> } | { error: string };

/**
 * Pushes the 5000-record batch with the fixed Idempotency-Key. The headers go first; `beforeBody` runs
 * once the hub has them; then `bodyBytes` of the body (default all of it) are written.
 */
function pushBatch(
  url: string,
  options: { beforeBody?: () => Promise<void>; bodyBytes?: number } = {},
): Promise<PushOutcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const request = httpRequest({
      host: hostname,
      port,
      method: 'POST',
      path: `/v1/datasets/${DATASET}/records`,
      headers: {
        authorization: `Bearer ${adminKey}`,
        'content-type': 'application/json',
        'content-length': batchBody.byteLength,
        'idempotency-key': IDEMPOTENCY_KEY,
      },
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>,
        }),
      );
      response.on('error', (error) => resolve({ error: error.message }));
    });
    request.on('error', (error) => resolve({ error: error.message }));
    request.flushHeaders();
    void (async () => {
      await options.beforeBody?.();
      const bytes = options.bodyBytes ?? batchBody.byteLength;
      request.write(batchBody.subarray(0, bytes));
      if (bytes === batchBody.byteLength) request.end();
    })();
  });
}

/** The dataset as the hub reports it, and what its changes feed and records list hold. */
async function datasetState(client: HubClient) {
  const dataset = await client.unwrap(
    client.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: DATASET } } }),
  );
  const seqs: number[] = [];
  const keys: string[] = [];
  for await (const change of client.pullChanges(DATASET, { limit: 5000 })) {
    seqs.push(change.seq);
    keys.push(change.key);
  }
  let listed = 0;
  for await (const _record of client.listRecords(DATASET, { limit: 1000 })) listed++;
  return { recordCount: dataset.recordCount, lastSeq: dataset.lastSeq, seqs, keys, listed };
}

/** The audit log's answers to pushes of the dataset: one status per push the log holds, in order. */
async function auditedPushes(client: HubClient): Promise<number[]> {
  const page = await client.unwrap(
    client.GET('/v1/audit', { params: { query: { datasetId: DATASET, limit: 1000 } } }),
  );
  const verified = await client.unwrap(client.GET('/v1/audit/verify'));
  expect(verified).toMatchObject({ ok: true, issues: [] });
  return page.items
    .filter((entry) => entry.method === 'POST' && entry.path === `/v1/datasets/${DATASET}/records`)
    .map((entry) => entry.status);
}

/** The batch with its Idempotency-Key through the typed client (one attempt, no retries). */
function retryBatch(client: HubClient) {
  return client.unwrap(
    client.POST('/v1/datasets/{datasetId}/records', {
      params: { path: { datasetId: DATASET }, header: { 'Idempotency-Key': IDEMPOTENCY_KEY } },
      body: JSON.parse(batchBody.toString()) as { upsert: Array<Record<string, unknown>> },
    }),
  );
}

function expectDense(state: Awaited<ReturnType<typeof datasetState>>, count: number): void {
  expect(state.recordCount).toBe(count);
  expect(state.lastSeq).toBe(count);
  expect(state.listed).toBe(count);
  expect(state.seqs).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  expect(new Set(state.keys).size).toBe(count);
}

/**
 * SQLite's integrity check of the database. With `asFoundAfterACrash`, it runs on a copy of the file and
 * its WAL, so the hub that starts next still finds (and recovers) the files exactly as the crash left them.
 */
function integrityOf(file: string, asFoundAfterACrash = false): unknown {
  let checked = file;
  if (asFoundAfterACrash) {
    const dir = mkdtempSync(join(tmpdir(), 'tukar-fault-copy-'));
    tempDirs.push(dir);
    checked = join(dir, 'hub.db');
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(`${file}${suffix}`)) copyFileSync(`${file}${suffix}`, `${checked}${suffix}`);
    }
  }
  const database = new Database(checked);
  try {
    return database.pragma('integrity_check', { simple: true });
  } finally {
    database.close();
  }
}

type Phase = 'uploading' | 'validating' | 'committing' | 'writing the WAL' | 'committed';
/** Where each kill landed, for the summary at the end. */
const landed: Array<{
  phase: Phase;
  sawBatchStart: boolean;
  sawBatchEnd: string | null;
  recordsAfterRestart: number;
  wal: string;
  clientSaw: string;
}> = [];

/** Size of the database's write-ahead log (a transaction's pages land there before or at its commit). */
function walBytes(file: string): number {
  return existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
}

/** The line of the child after which each phase's kill is sent. */
const TRIGGER: Record<Phase, RegExp> = {
  uploading: /^STORE getApiKeyByHash$/,
  validating: /^STORE getContractVersion$/,
  committing: /^STORE applyBatch-start /,
  'writing the WAL': /^STORE applyBatch-start /, // …and then the first new bytes in the WAL file
  committed: /^STORE applyBatch-end /,
};

/** Resolves once `condition` holds, checking on every turn of the event loop (so the child's lines keep coming). */
async function until(condition: () => boolean, what: string): Promise<void> {
  const guard = Date.now() + GUARD_MS;
  while (!condition()) {
    if (Date.now() > guard) throw new Error(`Waited ${GUARD_MS} ms for ${what}.`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('a hub process killed with SIGKILL in the middle of a 5000-record batch', () => {
  // 'committing' kills as soon as the batch's transaction starts; 'writing the WAL' waits until SQLite
  // writes the transaction's pages into the write-ahead log (a cache spill or the commit itself) and kills
  // then, so the WAL holds a partial transaction when the hub restarts.
  const phases: Phase[] = [
    'uploading',
    'validating',
    'committing',
    'committing',
    'writing the WAL',
    'writing the WAL',
    'writing the WAL',
    'committed',
  ];

  it.each(phases.map((phase, round) => [phase, round + 1] as const))(
    'while %s (round %i): after a restart the batch is all there or not at all, and a retry applies it exactly once',
    async (phase) => {
      const file = newDatabaseFile();
      let hub = await startFaultChild(file);
      try {
        await publishDataset(adminClient(hub), await exampleContract(DATASET));
        const walBefore = walBytes(file);
        const mark = hub.lines.length;
        const first = hub; // the process to kill, whatever `hub` is by the time the push settles
        const outcome = pushBatch(first.url, {
          ...(phase === 'uploading' && { bodyBytes: 256 * 1024 }),
          beforeBody: async () => {
            if (phase === 'uploading')
              void first
                .waitFor(TRIGGER.uploading, mark)
                .then(() => first.child.kill('SIGKILL'))
                .catch(() => undefined);
          },
        });
        if (phase !== 'uploading') {
          await first.waitFor(TRIGGER[phase], mark);
          if (phase === 'writing the WAL') {
            const ended = () => first.child.exitCode !== null || first.printed(TRIGGER.committed, mark);
            await until(() => walBytes(file) > walBefore || ended(), 'the batch to reach the WAL');
          }
          first.child.kill('SIGKILL');
        }
        expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
        const clientSaw = await outcome;
        const sawBatchStart = first.printed(/^STORE applyBatch-start /, mark);
        const end = first.lines.slice(mark).find((line) => line.startsWith('STORE applyBatch-end '));

        const walAfterKill = walBytes(file);
        expect(integrityOf(file, true)).toBe('ok');
        hub = await startFaultChild(file);
        const client = adminClient(hub);
        const after = await datasetState(client);
        landed.push({
          phase,
          sawBatchStart,
          sawBatchEnd: end ?? null,
          recordsAfterRestart: after.recordCount,
          wal: `${walBefore} → ${walAfterKill} bytes`,
          clientSaw: 'error' in clientSaw ? `no answer (${clientSaw.error})` : `HTTP ${clientSaw.status}`,
        });

        // All or nothing; the counters, the changes feed and the records list agree.
        expect([0, BATCH_SIZE]).toContain(after.recordCount);
        expectDense(after, after.recordCount);
        if (!sawBatchStart) expect(after.recordCount).toBe(0); // the transaction never began
        if (end !== undefined) expect(after.recordCount).toBe(BATCH_SIZE); // it had committed

        // The audit log holds the push exactly when the batch was committed: its entry is written in the
        // batch's transaction, so a kill after the commit cannot lose it.
        expect(await auditedPushes(client)).toEqual(after.recordCount === BATCH_SIZE ? [200] : []);

        // The retry with the same key applies the batch exactly once.
        const retried = await retryBatch(client);
        expect(retried).toMatchObject({
          created: BATCH_SIZE,
          updated: 0,
          unchanged: 0,
          deleted: 0,
          seq: BATCH_SIZE,
        });
        expect(retried.replayed).toBe(after.recordCount === BATCH_SIZE);
        const again = await retryBatch(client);
        expect(again).toEqual({ ...retried, replayed: true });
        expect(await auditedPushes(client)).toEqual(
          after.recordCount === BATCH_SIZE ? [200, 200, 200] : [200, 200],
        );
        expectDense(await datasetState(client), BATCH_SIZE);

        expect(await hub.stop('SIGTERM')).toEqual({ code: 0, signal: null });
        expect(integrityOf(file)).toBe('ok');
      } finally {
        hub.kill();
      }
    },
    120_000,
  );

  afterAll(() => {
    // Which phases the kills hit on this machine (the assertions above hold for every one of them).
    console.info(
      `SIGKILL landings:\n${landed
        .map(
          (l) =>
            `  ${l.phase}: transaction ${l.sawBatchEnd ? `finished (${l.sawBatchEnd.split(' ').pop()})` : l.sawBatchStart ? 'begun, not finished' : 'not begun'}; WAL ${l.wal}; after restart ${l.recordsAfterRestart} records; client: ${l.clientSaw}`,
        )
        .join('\n')}`,
    );
  });
});

describe('graceful shutdown', () => {
  it('finishes a batch in flight on SIGTERM, answers 200, exits 0, and the next start has the data', async () => {
    const file = newDatabaseFile();
    const hub = await startFaultChild(file);
    try {
      await publishDataset(adminClient(hub), await exampleContract(DATASET));
      const mark = hub.lines.length;
      // SIGTERM lands once the hub has the request's headers and before it has the body.
      const answer = await pushBatch(hub.url, {
        beforeBody: async () => {
          await hub.waitFor(/^STORE getApiKeyByHash$/, mark);
          hub.child.kill('SIGTERM');
          await hub.waitFor(/SIGTERM received/, mark);
        },
      });
      expect(answer).toEqual({
        status: 200,
        body: {
          created: BATCH_SIZE,
          updated: 0,
          unchanged: 0,
          deleted: 0,
          seq: BATCH_SIZE,
          replayed: false,
          receipt: expect.any(String), // the batch's signed receipt
        },
      });
      expect(await hub.exited).toEqual({ code: 0, signal: null });
      expect(hub.printed(/hub stopped/, mark)).toBe(true);
    } finally {
      hub.kill();
    }
    expect(integrityOf(file)).toBe('ok');

    // The next start, through the `tukar-hub` binary, finds the batch and replays its answer.
    const bin = await BinProcess.start(['--store', `sqlite:${file}`], { TUKAR_ADMIN_KEY: adminKey });
    try {
      const client = adminClient(bin);
      expectDense(await datasetState(client), BATCH_SIZE);
      expect(await retryBatch(client)).toMatchObject({
        created: BATCH_SIZE,
        seq: BATCH_SIZE,
        replayed: true,
      });
      expect(await bin.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      bin.kill();
    }
  }, 120_000);
});
