// The client finishes what it started: an answer whose body is cut after its headers is retried when
// the request is safe to repeat (GET; a push, which carries an Idempotency-Key) and otherwise reported as
// `network_error` (a push as a PushRecordsError with the committed count); `timeoutMs` covers the body.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubClient, HubError, PushRecordsError } from '../src/index';

const apiKey = 'tk_test_0123456789abcdefghijklmnopqrstuv';
const path = { datasetId: 'dinkes.puskesmas' };
const fast = { retries: 2, baseDelayMs: 1, maxDelayMs: 5 };

type Handler = (req: IncomingMessage, res: ServerResponse, nth: number, body: string) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A loopback server whose handler may cut or stall its answers; records each request. */
async function startServer(handler: Handler) {
  const seen: Array<{ method: string; url: string; idempotencyKey: string | undefined }> = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
    });
    handler(req, res, seen.length, body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** Sends the headers and half of a JSON body, then drops the connection. */
function cutAfterHeaders(res: ServerResponse, json: unknown): void {
  const text = JSON.stringify(json);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length) });
  res.write(text.slice(0, Math.floor(text.length / 2)));
  setTimeout(() => res.socket?.destroy(), 20);
}

const pushResult = (n: number, seq: number) => ({
  created: n,
  updated: 0,
  unchanged: 0,
  deleted: 0,
  seq,
  replayed: false,
});

describe('an answer cut after its headers', () => {
  it('is retried for a GET, which then gets the whole answer', async () => {
    const server = await startServer((_req, res, nth) => {
      const dataset = { id: 'dinkes.puskesmas', nama: 'Daftar Puskesmas' };
      if (nth === 1) return cutAfterHeaders(res, dataset);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(dataset));
    });
    const hub = createHubClient({ baseUrl: server.url, apiKey, retry: fast });
    const { data } = await hub.GET('/v1/datasets/{datasetId}', { params: { path } });
    expect(data).toMatchObject({ id: 'dinkes.puskesmas' });
    expect(server.seen).toHaveLength(2);
  });

  it('is retried for a GET without a time limit too (timeoutMs: Infinity)', async () => {
    const server = await startServer((_req, res, nth) => {
      const dataset = { id: 'dinkes.puskesmas', nama: 'Daftar Puskesmas' };
      if (nth === 1) return cutAfterHeaders(res, dataset);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(dataset));
    });
    const hub = createHubClient({
      baseUrl: server.url,
      apiKey,
      retry: fast,
      timeoutMs: Number.POSITIVE_INFINITY,
    });
    const { data } = await hub.GET('/v1/datasets/{datasetId}', { params: { path } });
    expect(data).toMatchObject({ id: 'dinkes.puskesmas' });
    expect(server.seen).toHaveLength(2);
  });

  it('is retried for a push with its Idempotency-Key; when it keeps breaking, a PushRecordsError says network_error and what was committed', async () => {
    // The first batch (records 1 and 2) is answered whole; every answer to the second is cut.
    const server = await startServer((_req, res, _nth, body) => {
      if (body.includes('P3207000001'))
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(pushResult(2, 2)));
      cutAfterHeaders(res, pushResult(2, 4));
    });
    const hub = createHubClient({ baseUrl: server.url, apiKey, retry: fast });
    const records = [1, 2, 3, 4].map((n) => ({ kode_puskesmas: `P320700000${n}` }));
    const error = await hub
      .pushRecords('dinkes.puskesmas', records, { batchSize: 2 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushRecordsError);
    const failure = error as PushRecordsError;
    expect(failure.code).toBe('network_error');
    expect(failure.committed).toMatchObject({ batches: 1, records: 2, seq: 2 });
    expect(failure.batchOffset).toBe(2);
    expect(String(failure.cause instanceof Error ? failure.cause.message : '')).toMatch(
      /connection broke after the answer's headers \(HTTP 200\).*\(3 attempts\)/,
    );
    // Two batches, two keys: the second batch was sent 3 times (1 + 2 retries), always with its own key.
    const sends = new Map<string | undefined, number>();
    for (const r of server.seen) sends.set(r.idempotencyKey, (sends.get(r.idempotencyKey) ?? 0) + 1);
    expect([...sends.values()].sort()).toEqual([1, 3]);
  });

  it('is not retried for a POST without an Idempotency-Key, and reports network_error', async () => {
    const server = await startServer((_req, res) => cutAfterHeaders(res, { id: 'ciamis/dinkes/simpus' }));
    const hub = createHubClient({ baseUrl: server.url, apiKey, retry: fast });
    const error = await hub
      .POST('/v1/clients', {
        body: { id: 'ciamis/dinkes/simpus', name: 'SIMPUS', opd: 'dinkes', role: 'opd' } as never,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ code: 'network_error' });
    expect((error as Error).message).toMatch(/connection broke after the answer's headers/);
    expect(server.seen).toHaveLength(1);
  });
});

describe('timeoutMs', () => {
  it('covers the body: a body that stalls after the headers times out at timeoutMs', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"id":"dinkes.puskesmas",'); // and nothing more
    });
    const hub = createHubClient({ baseUrl: server.url, apiKey, timeoutMs: 300, retry: false });
    const started = Date.now();
    const error = await hub.GET('/v1/datasets/{datasetId}', { params: { path } }).catch((e: unknown) => e);
    const waited = Date.now() - started;
    expect(error).toMatchObject({ name: 'HubError', code: 'timeout' });
    expect((error as Error).message).toMatch(/no answer within 300 ms \(1 attempt\)/);
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(2_000);
  });
});
