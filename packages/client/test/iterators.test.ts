import { createHubClient, HubClientOptionsError } from '@tukar/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer } from './fixture-server';

const apiKey = 'tk_test_simpus_0123456789';
let server: FixtureServer;
const TOTAL = 1234;
const changes = Array.from({ length: TOTAL }, (_, i) => ({
  seq: i + 1,
  op: i % 10 === 9 ? 'delete' : 'upsert',
  key: `P3207${String(i % 300).padStart(6, '0')}`,
  at: '2026-11-20T08:00:00Z',
  ...(i % 10 === 9 ? {} : { record: { kode_puskesmas: `P3207${String(i % 300).padStart(6, '0')}` } }),
}));
const records = Array.from({ length: 250 }, (_, i) => ({
  key: `P3207${String(i).padStart(6, '0')}`,
  seq: i + 1,
  updatedAt: '2026-11-20T08:00:00Z',
  record: { kode_puskesmas: `P3207${String(i).padStart(6, '0')}` },
}));

beforeEach(async () => {
  server = await startFixtureServer();
  server.route('GET /v1/datasets/dinkes.puskesmas/changes', (req) => {
    const since = Number(req.query.get('since') ?? 0);
    const limit = Number(req.query.get('limit') ?? 500);
    const items = changes.filter((c) => c.seq > since).slice(0, limit);
    const nextSince = items.at(-1)?.seq ?? since;
    return { json: { items, nextSince, hasMore: nextSince < TOTAL } };
  });
  server.route('GET /v1/datasets/dinkes.puskesmas/records', (req) => {
    const start = Number(req.query.get('cursor') ?? 0);
    const limit = Number(req.query.get('limit') ?? 100);
    const items = records.slice(start, start + limit);
    const next = start + limit;
    return { json: { items, nextCursor: next < records.length ? String(next) : null } };
  });
});
afterEach(() => server.close());

describe('pullChanges', () => {
  it('follows pages to the end of the feed, in commit order, tombstones included', async () => {
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const seen = [];
    for await (const change of hub.pullChanges('dinkes.puskesmas', { limit: 500 })) seen.push(change);
    expect(seen.map((c) => c.seq)).toEqual(changes.map((c) => c.seq));
    expect(seen.filter((c) => c.op === 'delete').every((c) => c.record === undefined)).toBe(true);
    expect(server.requests.map((r) => r.query.get('since'))).toEqual(['0', '500', '1000']);
  });

  it('resumes exactly after a stored position, without gap or duplicate', async () => {
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    let position = 0;
    for await (const change of hub.pullChanges('dinkes.puskesmas', { limit: 100 })) {
      position = change.seq;
      if (position === 777) break;
    }
    const rest = [];
    for await (const change of hub.pullChanges('dinkes.puskesmas', { since: position }))
      rest.push(change.seq);
    expect(rest[0]).toBe(778);
    expect(rest.at(-1)).toBe(TOTAL);
    expect(rest).toHaveLength(TOTAL - 777);
  });

  it('stops instead of looping when the hub says hasMore but does not advance', async () => {
    server.route('GET /v1/datasets/dinkes.puskesmas/changes', () => ({
      json: { items: [], nextSince: 5, hasMore: true },
    }));
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const pull = async () => {
      for await (const _ of hub.pullChanges('dinkes.puskesmas', { since: 5 })) {
        /* drain */
      }
    };
    await expect(pull()).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it.each([-1, 1.5, Number.NaN])('refuses since=%s before any request', async (since) => {
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const iterator = hub.pullChanges('dinkes.puskesmas', { since })[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toBeInstanceOf(HubClientOptionsError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('listRecords', () => {
  it('follows cursors until nextCursor is null', async () => {
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const keys = [];
    const iterator = hub.listRecords('dinkes.puskesmas', { limit: 100 });
    for await (const record of iterator) keys.push(record.key);
    expect(keys).toEqual(records.map((r) => r.key));
    expect(server.requests).toHaveLength(3);
    expect(iterator.cursor).toBeUndefined();
  });

  it('resumes from the cursor of the page being read', async () => {
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const iterator = hub.listRecords('dinkes.puskesmas', { limit: 100 });
    let saved: string | undefined;
    for await (const record of iterator) {
      if (record.key === records[150]!.key) {
        saved = iterator.cursor;
        break;
      }
    }
    expect(saved).toBe('100');
    const rest = [];
    for await (const record of hub.listRecords('dinkes.puskesmas', { cursor: saved, limit: 100 }))
      rest.push(record.key);
    expect(rest[0]).toBe(records[100]!.key);
    expect(rest.at(-1)).toBe(records[249]!.key);
  });

  it('stops when the hub repeats a cursor', async () => {
    server.route('GET /v1/datasets/dinkes.puskesmas/records', () => ({
      json: { items: [], nextCursor: 'same' },
    }));
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    const read = async () => {
      for await (const _ of hub.listRecords('dinkes.puskesmas')) {
        /* drain */
      }
    };
    await expect(read()).rejects.toThrow(/cursor same twice/);
  });

  it('refuses a limit over the page maximum before any request', () => {
    const hub = createHubClient({ baseUrl: server.url, apiKey });
    expect(() => hub.listRecords('dinkes.puskesmas', { limit: 1001 })).toThrow(
      /options\.limit: must be an integer from 1 to 1000/,
    );
  });
});
