import { createHubClient, HubClientOptionsError } from '@tukar/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer } from './fixture-server';

const apiKey = 'tk_test_simpus_0123456789';
const dataset = {
  id: 'dinkes.puskesmas',
  contractId: 'dinkes.puskesmas',
  contractVersion: '1.0.0',
  classification: 'publik',
  recordCount: 0,
  lastSeq: 0,
  lastChangeAt: null,
  createdAt: '2026-11-01T00:00:00Z',
  updateFrequency: 'monthly',
};

let server: FixtureServer;
beforeEach(async () => {
  server = await startFixtureServer();
  server.route('GET /v1/datasets/dinkes.puskesmas', () => ({ json: dataset }));
});
afterEach(() => server.close());

describe('createHubClient options', () => {
  it.each([
    ['not a URL', 'hub.ciamiskab.example.go.id'],
    ['an empty string', ''],
    ['another scheme', 'ftp://127.0.0.1/'],
    ['a query', 'http://127.0.0.1:1/?x=1'],
    ['undefined', undefined],
  ])('refuses a baseUrl that is %s, naming the option', (_label, baseUrl) => {
    const create = () => createHubClient({ baseUrl: baseUrl as string, apiKey });
    expect(create).toThrow(HubClientOptionsError);
    expect(create).toThrow(/^baseUrl: .*absolute http\(s\) URL|^baseUrl: must not carry a query/);
  });

  it.each([undefined, '', '   ', 'tk_with space'])('refuses apiKey %j before any request', (key) => {
    expect(() => createHubClient({ baseUrl: server.url, apiKey: key as string })).toThrow(/^apiKey: /);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a non-positive timeout and a negative retry count', () => {
    expect(() => createHubClient({ baseUrl: server.url, apiKey, timeoutMs: 0 })).toThrow(/^timeoutMs: /);
    expect(() => createHubClient({ baseUrl: server.url, apiKey, retry: { retries: -1 } })).toThrow(
      /^retry\.retries: /,
    );
  });

  it('accepts a trailing slash on baseUrl', async () => {
    const hub = createHubClient({ baseUrl: `${server.url}/`, apiKey });
    const found = await hub.unwrap(
      hub.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } }),
    );
    expect(found.id).toBe('dinkes.puskesmas');
  });
});

describe('headers on every request', () => {
  it('sends the API key as a bearer token and the user agent', async () => {
    const hub = createHubClient({ baseUrl: server.url, apiKey, userAgent: 'simpus/2.3 (dinkes ciamis)' });
    await hub.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(server.requests[0]?.headers['user-agent']).toBe('simpus/2.3 (dinkes ciamis)');
  });

  it('gives each request its own X-Request-Id and keeps one the caller set', async () => {
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const path = { datasetId: 'dinkes.puskesmas' };
    await hub.GET('/v1/datasets/{datasetId}', { params: { path } });
    await hub.GET('/v1/datasets/{datasetId}', { params: { path } });
    await hub.GET('/v1/datasets/{datasetId}', {
      params: { path },
      headers: { 'X-Request-Id': 'simpus-run-42' },
    });
    const ids = server.requests.map((r) => r.headers['x-request-id']);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[2]).toBe('simpus-run-42');
  });

  it('sends through an injected fetch, as a real Request with the same headers and timeout', async () => {
    const seen: Request[] = [];
    const hub = createHubClient({
      baseUrl: server.url,
      apiKey,
      timeoutMs: 5_000,
      fetch: (request) => {
        seen.push(request);
        return fetch(request);
      },
    });
    const found = await hub.unwrap(
      hub.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } }),
    );
    expect(found.recordCount).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Request);
    expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${apiKey}`);
    expect(seen[0]?.signal.aborted).toBe(false);
    expect(server.requests[0]?.headers['x-request-id']).toBe(seen[0]?.headers.get('x-request-id'));
  });

  it('encodes a client id with slashes as one path segment', async () => {
    server.route('GET /v1/clients/ciamis%2Fdinkes%2Fsimpus', () => ({
      json: {
        id: 'ciamis/dinkes/simpus',
        name: 'SIMPUS',
        opd: 'Dinas Kesehatan',
        role: 'client',
        createdAt: '2026-11-01T00:00:00Z',
        disabled: false,
      },
    }));
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const client = await hub.unwrap(
      hub.GET('/v1/clients/{clientId}', { params: { path: { clientId: 'ciamis/dinkes/simpus' } } }),
    );
    expect(client.id).toBe('ciamis/dinkes/simpus');
  });
});
