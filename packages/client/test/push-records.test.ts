import { createHubClient, HubClientOptionsError, PushRecordsError } from '@tukar/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer } from './fixture-server';

const apiKey = 'tk_test_simpus_0123456789';
let server: FixtureServer;
let stored: Map<string, unknown>;
let seq: number;

const puskesmas = (i: number) => ({
  kode_puskesmas: `P3207${String(i).padStart(6, '0')}`,
  nama: `Puskesmas ${i}`,
  kode_wilayah: '32.07.01.2001',
});

beforeEach(async () => {
  server = await startFixtureServer();
  stored = new Map();
  seq = 0;
  server.route('POST /v1/datasets/dinkes.puskesmas/records', (req) => {
    const body = JSON.parse(req.body) as { upsert: { kode_puskesmas: string }[] };
    let created = 0;
    for (const record of body.upsert) {
      if (!stored.has(record.kode_puskesmas)) created++;
      stored.set(record.kode_puskesmas, record);
      seq++;
    }
    return {
      json: {
        created,
        updated: body.upsert.length - created,
        unchanged: 0,
        deleted: 0,
        seq,
        replayed: false,
      },
    };
  });
});
afterEach(() => server.close());

describe('pushRecords', () => {
  it('pushes 10,001 records in batches of 1,000 with progress after each', async () => {
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const records = Array.from({ length: 10_001 }, (_, i) => puskesmas(i));
    const progress: { records: number; batches: number; total: number | undefined }[] = [];
    const result = await hub.pushRecords('dinkes.puskesmas', records, {
      batchSize: 1000,
      onProgress: (p) => progress.push({ records: p.records, batches: p.batches, total: p.total }),
    });
    expect(result).toEqual({
      batches: 11,
      records: 10_001,
      created: 10_001,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      seq: 10_001,
      receipts: [], // this stand-in hub signs no receipts
    });
    const sizes = server.requests.map((r) => (JSON.parse(r.body) as { upsert: unknown[] }).upsert.length);
    expect(sizes).toEqual([...Array(10).fill(1000), 1]);
    expect(progress.map((p) => p.records)).toEqual([
      1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000, 10_001,
    ]);
    expect(progress.every((p) => p.total === 10_001)).toBe(true);
    expect(stored.size).toBe(10_001);
    expect(new Set(server.requests.map((r) => r.headers['idempotency-key'])).size).toBe(11);
  });

  it('takes an async iterable without knowing its size', async () => {
    async function* generate() {
      for (let i = 0; i < 2_500; i++) yield puskesmas(i);
    }
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const totals: (number | undefined)[] = [];
    const result = await hub.pushRecords('dinkes.puskesmas', generate(), {
      batchSize: 1000,
      onProgress: (p) => totals.push(p.total),
    });
    expect(result.records).toBe(2_500);
    expect(server.requests).toHaveLength(3);
    expect(totals).toEqual([undefined, undefined, undefined]);
  });

  it('sends nothing for no records', async () => {
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    expect(await hub.pushRecords('dinkes.puskesmas', [])).toMatchObject({
      batches: 0,
      records: 0,
      seq: null,
    });
    expect(server.requests).toHaveLength(0);
  });

  it('cuts a batch early to stay under the hub body limit', async () => {
    const big = 'x'.repeat(400_000);
    const records = Array.from({ length: 60 }, (_, i) => ({ ...puskesmas(i), catatan: big }));
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    await hub.pushRecords('dinkes.puskesmas', records, { batchSize: 5000 });
    expect(server.requests.length).toBeGreaterThan(2);
    for (const r of server.requests) expect(Buffer.byteLength(r.body)).toBeLessThanOrEqual(10 * 1024 * 1024);
    expect(stored.size).toBe(60);
  });

  it.each([0, -1, 1.5, 5001, Number.NaN])('refuses batchSize %s before any request', async (batchSize) => {
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const push = hub.pushRecords('dinkes.puskesmas', [puskesmas(1)], { batchSize });
    await expect(push).rejects.toBeInstanceOf(HubClientOptionsError);
    await expect(push).rejects.toThrow(/options\.batchSize: must be an integer from 1 to 5000/);
    expect(server.requests).toHaveLength(0);
  });

  it.each([0, 9, 2.5, Number.NaN])('refuses concurrency %s before any request', async (concurrency) => {
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const push = hub.pushRecords('dinkes.puskesmas', [puskesmas(1)], { concurrency });
    await expect(push).rejects.toBeInstanceOf(HubClientOptionsError);
    await expect(push).rejects.toThrow(/options\.concurrency: must be an integer from 1 to 8/);
    expect(server.requests).toHaveLength(0);
  });

  it('with concurrency 1 sends each batch only after the one before it was answered', async () => {
    let inFlight = 0;
    let most = 0;
    server.route('POST /v1/datasets/dinkes.puskesmas/records', async (req) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      const n = (JSON.parse(req.body) as { upsert: unknown[] }).upsert.length;
      return { json: { created: n, updated: 0, unchanged: 0, deleted: 0, seq: n, replayed: false } };
    });
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const records = Array.from({ length: 50 }, (_, i) => puskesmas(i));
    const result = await hub.pushRecords('dinkes.puskesmas', records, { batchSize: 10, concurrency: 1 });
    expect(result).toMatchObject({ batches: 5, records: 50 });
    expect(most).toBe(1);
  });

  it('refuses a record that is not an object, naming its position, after committing what came before', async () => {
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const records = [puskesmas(0), puskesmas(1), null as unknown as Record<string, unknown>];
    await expect(hub.pushRecords('dinkes.puskesmas', records, { batchSize: 2 })).rejects.toThrow(
      /records\[2\]: is null, not a record object; 2 records before it were committed/,
    );
    expect(stored.size).toBe(2);
  });

  it('refuses input that is not iterable', async () => {
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    await expect(hub.pushRecords('dinkes.puskesmas', 'abc' as never)).rejects.toThrow(/^records: /);
  });

  it('on a refused batch says how much was committed and where the bad records are in the input', async () => {
    // The first batch (records 0…2) is committed, the second refused; the two may be sent at once.
    server.route('POST /v1/datasets/dinkes.puskesmas/records', (req) =>
      req.body.includes(puskesmas(0).kode_puskesmas)
        ? { json: { created: 3, updated: 0, unchanged: 0, deleted: 0, seq: 3, replayed: false } }
        : {
            status: 422,
            problem: {
              code: 'validation_failed',
              title: 'Batch refused: 1 invalid record',
              errors: [
                { index: 1, op: 'upsert', path: '/kode_wilayah', code: 'format', message: 'not a desa' },
              ],
            },
          },
    );
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const error = await hub
      .pushRecords(
        'dinkes.puskesmas',
        Array.from({ length: 6 }, (_, i) => puskesmas(i)),
        { batchSize: 3 },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushRecordsError);
    const pushError = error as PushRecordsError;
    expect(pushError.committed.records).toBe(3);
    expect(pushError.batchOffset).toBe(3);
    expect(pushError.errors[0]?.index).toBe(4);
    expect(pushError.code).toBe('validation_failed');
    expect(pushError.message).toMatch(/3 records before it were committed/);
  });

  it('a refused push keeps the hub explanation of which grant is missing, without a dangling arrow', async () => {
    server.route('POST /v1/datasets/dinkes.puskesmas/records', () => ({
      status: 403,
      problem: {
        code: 'forbidden',
        title: 'Forbidden',
        detail: 'Client ciamis/bappeda/sipd has no write grant on dataset dinkes.puskesmas.',
        requestId: 'req-sipd-1',
      },
    }));
    const hub = createHubClient({ baseUrl: server.url, apiKey, retry: false });
    const error = await hub.pushRecords('dinkes.puskesmas', [puskesmas(1)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushRecordsError);
    const pushError = error as PushRecordsError;
    expect(pushError.code).toBe('forbidden');
    expect(pushError.detail).toBe(
      'Client ciamis/bappeda/sipd has no write grant on dataset dinkes.puskesmas.',
    );
    const lines = pushError.message.split('\n');
    expect(lines[0]).toBe(
      `POST ${server.url}/v1/datasets/dinkes.puskesmas/records → 403 batch of records 0… refused; 0 records before it were committed`,
    );
    expect(lines).toContain('Client ciamis/bappeda/sipd has no write grant on dataset dinkes.puskesmas.');
    expect(lines).toContain('request id: req-sipd-1');
    expect(pushError.message).not.toMatch(/^→|\n→/);
  });
});
