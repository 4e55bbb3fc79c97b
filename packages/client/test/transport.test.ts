import { createHubClient, HubError } from '@tukar/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedPort, type FixtureServer, startFixtureServer } from './fixture-server';

const apiKey = 'tk_test_simpus_0123456789';
const path = { datasetId: 'dinkes.puskesmas' };
const pushResult = { created: 1, updated: 0, unchanged: 0, deleted: 0, seq: 1, replayed: false };
const fast = { baseDelayMs: 1, maxDelayMs: 5 };

let server: FixtureServer;
beforeEach(async () => {
  server = await startFixtureServer();
});
afterEach(() => server.close());

describe('retries', () => {
  it('waits for Retry-After on a 503 and repeats a GET with the same request id', async () => {
    server.route('GET /v1/datasets/dinkes.puskesmas/changes', (_req, nth) =>
      nth === 1
        ? {
            status: 503,
            headers: { 'retry-after': '1' },
            problem: { code: 'service_unavailable', title: 'Hub sedang pemeliharaan' },
          }
        : { json: { items: [], nextSince: 0, hasMore: false } },
    );
    const hub = createHubClient({ baseUrl: server.url, apiKey, retry: fast });
    const page = await hub.unwrap(
      hub.GET('/v1/datasets/{datasetId}/changes', { params: { path, query: { since: 0 } } }),
    );
    expect(page.hasMore).toBe(false);
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(second!.headers['x-request-id']).toBe(first!.headers['x-request-id']);
  });

  it('repeats a push on 429 with the same Idempotency-Key and body', async () => {
    server.route('POST /v1/datasets/dinkes.puskesmas/records', (_req, nth) =>
      nth < 3
        ? {
            status: 429,
            headers: { 'retry-after': '0' },
            problem: { code: 'rate_limited', title: 'Too many requests' },
          }
        : { json: pushResult },
    );
    const hub = createHubClient({ baseUrl: server.url, apiKey, retry: fast });
    await hub.pushRecords('dinkes.puskesmas', [{ kode_puskesmas: 'P3207010101' }]);
    expect(server.requests).toHaveLength(3);
    const keys = new Set(server.requests.map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(server.requests.map((r) => r.body)).size).toBe(1);
  });

  it.each([400, 422])('does not repeat a request answered %i', async (status) => {
    server.route('GET /v1/datasets/dinkes.puskesmas', () => ({
      status,
      problem: { code: 'bad_request', title: 'no' },
    }));
    const hub = createHubClient({ baseUrl: server.url, apiKey, retry: fast });
    const { error } = await hub.GET('/v1/datasets/{datasetId}', { params: { path } });
    expect(error?.code).toBe('bad_request');
    expect(server.requests).toHaveLength(1);
  });

  it('does not repeat a POST without an Idempotency-Key', async () => {
    server.route('POST /v1/clients', () => ({
      status: 503,
      problem: { code: 'service_unavailable', title: 'down' },
    }));
    const hub = createHubClient({ baseUrl: server.url, apiKey, retry: fast });
    const { response } = await hub.POST('/v1/clients', {
      body: { id: 'ciamis/dinkes/simpus', name: 'SIMPUS', opd: 'Dinas Kesehatan' },
    });
    expect(response.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after the configured retries and returns the last answer as a HubError', async () => {
    server.route('GET /v1/datasets/dinkes.puskesmas', () => ({
      status: 503,
      problem: { code: 'service_unavailable', title: 'down' },
    }));
    const hub = createHubClient({ baseUrl: server.url, apiKey, retry: { ...fast, retries: 2 } });
    const failure = hub.unwrap(hub.GET('/v1/datasets/{datasetId}', { params: { path } }));
    await expect(failure).rejects.toMatchObject({
      name: 'HubError',
      status: 503,
      code: 'service_unavailable',
    });
    expect(server.requests).toHaveLength(3);
  });

  it('does not wait for a Retry-After longer than maxRetryAfterMs', async () => {
    server.route('GET /v1/datasets/dinkes.puskesmas', () => ({
      status: 429,
      headers: { 'retry-after': '3600' },
      problem: { code: 'rate_limited', title: 'Too many requests', retryAfter: 3600 },
    }));
    const hub = createHubClient({ baseUrl: server.url, apiKey, retry: fast });
    await expect(hub.unwrap(hub.GET('/v1/datasets/{datasetId}', { params: { path } }))).rejects.toMatchObject(
      { code: 'rate_limited' },
    );
    expect(server.requests).toHaveLength(1);
  });

  it('reports a hub that cannot be reached as network_error after its retries', async () => {
    const port = await closedPort();
    const hub = createHubClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey,
      retry: { ...fast, retries: 2 },
    });
    const error = await hub.GET('/v1/datasets/{datasetId}', { params: { path } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ code: 'network_error', status: undefined });
    expect((error as HubError).message).toMatch(/could not be reached \(3 attempts\)/);
    expect((error as HubError).message).toContain(
      `GET http://127.0.0.1:${port}/v1/datasets/dinkes.puskesmas`,
    );
  });
});

describe('timeouts', () => {
  it('aborts an attempt after timeoutMs and says so', async () => {
    server.route('GET /v1/datasets/dinkes.puskesmas', () => ({ delayMs: 2_000, json: {} }));
    const hub = createHubClient({ baseUrl: server.url, apiKey, timeoutMs: 100, retry: false });
    const error = await hub.GET('/v1/datasets/{datasetId}', { params: { path } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'HubError', code: 'timeout' });
    expect((error as Error).message).toMatch(/no answer within 100 ms \(1 attempt\)/);
  });

  it('retries a timed-out GET, then succeeds', async () => {
    server.route('GET /v1/datasets/dinkes.puskesmas', (_req, nth) =>
      nth === 1 ? { delayMs: 1_000, json: {} } : { json: { id: 'dinkes.puskesmas' } },
    );
    const hub = createHubClient({ baseUrl: server.url, apiKey, timeoutMs: 200, retry: fast });
    const { data } = await hub.GET('/v1/datasets/{datasetId}', { params: { path } });
    expect(data?.id).toBe('dinkes.puskesmas');
    expect(server.requests).toHaveLength(2);
  });

  it('never retries after the caller aborted', async () => {
    server.route('GET /v1/datasets/dinkes.puskesmas', () => ({ delayMs: 1_000, json: {} }));
    const hub = createHubClient({ baseUrl: server.url, apiKey, retry: fast });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      hub.GET('/v1/datasets/{datasetId}', { params: { path }, signal: controller.signal }),
    ).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 100));
    expect(server.requests).toHaveLength(1);
  });
});

describe('without a time limit (timeoutMs: Infinity)', () => {
  it("still stops when the caller's signal aborts, and does not retry", async () => {
    server.route('GET /v1/datasets/dinkes.puskesmas', () => ({ delayMs: 1_000, json: {} }));
    const hub = createHubClient({
      baseUrl: server.url,
      apiKey,
      timeoutMs: Number.POSITIVE_INFINITY,
      retry: fast,
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      hub.GET('/v1/datasets/{datasetId}', { params: { path }, signal: controller.signal }),
    ).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 100));
    expect(server.requests).toHaveLength(1);
  });
});

describe('the answer handed back', () => {
  // The transport reads each body to the end before openapi-fetch sees it; every way of reading it must still work.
  const dataset = { id: 'dinkes.puskesmas', nama: 'Puskesmas Cikoneng — ÿ 漢' };

  it('reads as JSON, text, bytes, a blob or a stream, with the same content', async () => {
    server.route('GET /v1/datasets/dinkes.puskesmas', () => ({ json: dataset }));
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const get = <As extends 'json' | 'text' | 'arrayBuffer' | 'blob' | 'stream'>(parseAs: As) =>
      hub.GET('/v1/datasets/{datasetId}', { params: { path }, parseAs });
    const expected = JSON.stringify(dataset);
    expect((await get('json')).data).toEqual(dataset);
    expect((await get('text')).data).toBe(expected);
    expect(new TextDecoder().decode((await get('arrayBuffer')).data)).toBe(expected);
    expect(await (await get('blob')).data!.text()).toBe(expected);
    expect(await new Response((await get('stream')).data).text()).toBe(expected);
  });

  it('hands back the response read, as openapi-fetch does: its content is in data, its status and headers stay', async () => {
    server.route('GET /v1/datasets/dinkes.puskesmas', () => ({ json: dataset }));
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const { data, response } = await hub.GET('/v1/datasets/{datasetId}', { params: { path } });
    expect(data).toEqual(dataset);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.bodyUsed).toBe(true);
  });

  it('gives no data for an empty answer and the text of an error that is not JSON', async () => {
    server.route('DELETE /v1/clients/c1/keys/k1', () => ({ status: 204 }));
    server.route('GET /v1/datasets/dinkes.puskesmas', () => ({
      status: 502,
      text: 'Bad Gateway from the proxy',
    }));
    const hub = createHubClient({ baseUrl: server.url, apiKey, retry: false });
    const deleted = await hub.DELETE('/v1/clients/{clientId}/keys/{keyId}', {
      params: { path: { clientId: 'c1', keyId: 'k1' } },
    });
    expect(deleted.response.status).toBe(204);
    expect(deleted.data).toBeUndefined();
    const failed = await hub.GET('/v1/datasets/{datasetId}', { params: { path } });
    expect(failed.data).toBeUndefined();
    expect(failed.error).toBe('Bad Gateway from the proxy');
  });
});
