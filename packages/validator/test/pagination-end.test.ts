import { afterEach, describe, expect, it } from 'vitest';
import { type ProviderOverrides, type ValidationReport, validateEndpoint } from '../src/index';
import { PUSKESMAS, puskesmas } from './helpers';
import { type OpdRequest, type OpdServer, startOpdServer } from './opd-server';

// Issue 13: a crawl is complete only when the end of the data is proven for its pagination style. Each
// server below caps its page size at 100 records while the contract asks for 500, as many OPD systems do
// (a Laravel `per_page` ceiling, a database `LIMIT` clamp). Before the fix, page and offset styles took
// the first, short page as the end: 100 of 250 records checked, reported complete and valid.

const CAP = 100;
const ASKED = 500;
const RECORDS = Array.from({ length: 250 }, (_, i) => puskesmas(i + 1));
const DUPLICATE_AT = 230; // the record 230 repeats the key of record 7: only a full crawl finds it

const servers: OpdServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function records(): Record<string, unknown>[] {
  const list = RECORDS.map((record) => ({ ...record }));
  list[DUPLICATE_AT - 1] = puskesmas(7);
  return list;
}

/** A capping OPD server: `answer` gets the request and the records; every page holds at most 100. */
async function capping(
  answer: (request: OpdRequest, all: Record<string, unknown>[]) => unknown,
): Promise<OpdServer> {
  const all = records();
  const server = await startOpdServer((request) => ({ json: answer(request, all) }));
  servers.push(server);
  return server;
}

const sizeOf = (query: URLSearchParams, name: string) => Math.min(CAP, Number(query.get(name) ?? CAP));

async function crawl(
  server: OpdServer,
  pagination: ProviderOverrides['pagination'],
): Promise<ValidationReport> {
  return validateEndpoint(PUSKESMAS, {
    baseUrl: server.url,
    provider: { path: '/api/puskesmas', records: 'data', pagination },
    retryDelayMs: 1,
  });
}

/** The whole dataset was read: every record counted, the duplicate at its end found, and the run complete. */
function expectAllRead(report: ValidationReport): void {
  expect(report.counts.records).toBe(250);
  expect(report.complete).toBe(true);
  expect(report.stopReason).toBeUndefined();
  expect(report.verdict).toBe('invalid');
  expect(report.issues).toEqual([expect.objectContaining({ code: 'duplicate_key', record: DUPLICATE_AT })]);
}

describe('the end of an endpoint’s data is proven for each pagination style (a server that caps its page size)', () => {
  it('page and limit, no page count: a short page is not the end; pages are read until an empty one', async () => {
    const server = await capping(({ query }, all) => {
      const size = sizeOf(query, 'per_page');
      const page = Number(query.get('page'));
      return { data: all.slice((page - 1) * size, page * size) };
    });
    const report = await crawl(server, { style: 'page', limitParam: 'per_page', limit: ASKED });
    expect(server.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3', '4']);
    expect(server.requests.every((r) => r.query.get('per_page') === String(ASKED))).toBe(true);
    expectAllRead(report);
  });

  it('page and limit with a stated page count: the pages up to the count are read', async () => {
    const server = await capping(({ query }, all) => {
      const size = sizeOf(query, 'per_page');
      const page = Number(query.get('page'));
      return {
        data: all.slice((page - 1) * size, page * size),
        meta: { last_page: Math.ceil(all.length / size) },
      };
    });
    const report = await crawl(server, {
      style: 'page',
      limitParam: 'per_page',
      limit: ASKED,
      totalPages: 'meta.last_page',
    });
    expect(server.requests.map((r) => r.query.get('page')).sort()).toEqual(['1', '2', '3']);
    expectAllRead(report);
  });

  it('offset, no total: the offsets follow the records received, until an empty page', async () => {
    const server = await capping(({ query }, all) => {
      const offset = Number(query.get('offset'));
      return { data: all.slice(offset, offset + sizeOf(query, 'limit')) };
    });
    const report = await crawl(server, { style: 'offset', limit: ASKED });
    expect(server.requests.map((r) => r.query.get('offset'))).toEqual(['0', '100', '200', '250']);
    expectAllRead(report);
  });

  it('offset with a stated total: the server’s page size is taken from the first page, every offset is read', async () => {
    const server = await capping(({ query }, all) => {
      const offset = Number(query.get('offset'));
      return { data: all.slice(offset, offset + sizeOf(query, 'limit')), total: all.length };
    });
    const report = await crawl(server, { style: 'offset', limit: ASKED, total: 'total' });
    expect(server.requests.map((r) => r.query.get('offset')).sort()).toEqual(['0', '100', '200']);
    expectAllRead(report);
  });

  it('next link: followed until a page has none', async () => {
    const server = await capping(({ query }, all) => {
      const size = sizeOf(query, 'limit');
      const page = Number(query.get('page') ?? '1');
      const more = page * size < all.length;
      return {
        data: all.slice((page - 1) * size, page * size),
        links: { next: more ? `/api/puskesmas?page=${page + 1}&limit=${ASKED}` : null },
      };
    });
    const report = await crawl(server, { next: 'links.next' });
    expect(server.requests).toHaveLength(3);
    expectAllRead(report);
  });

  it('cursor: followed until a page gives none', async () => {
    const server = await capping(({ query }, all) => {
      const at = Number(query.get('cursor') ?? '0');
      const size = sizeOf(query, 'limit');
      return { data: all.slice(at, at + size), next: at + size < all.length ? String(at + size) : null };
    });
    const report = await crawl(server, {
      style: 'cursor',
      nextCursor: 'next',
      limitParam: 'limit',
      limit: ASKED,
    });
    expect(server.requests.map((r) => r.query.get('cursor'))).toEqual([null, '100', '200']);
    expectAllRead(report);
  });

  it('page: a server that serves its last, short page again past the end never proves it: complete is false, with a note', async () => {
    const server = await capping(({ query }, all) => {
      const size = sizeOf(query, 'limit');
      const last = Math.ceil(all.length / size);
      const page = Math.min(Number(query.get('page')), last); // clamps instead of answering an empty page
      return { data: all.slice((page - 1) * size, page * size) };
    });
    const report = await crawl(server, { style: 'page', limitParam: 'limit', limit: ASKED });
    expect(server.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3', '4']);
    expect(report.counts.records).toBe(250);
    expect(report.complete).toBe(false);
    expect(report.stopReason).toMatchObject({ code: 'end-unproven' });
    expect(report.stopReason?.message).toContain('page 4 repeats page 3');
    expect(report.notes.map((note) => note.code)).toContain('stopped-early');
    // The repeat is not blamed on the data: the only issue is the real duplicate.
    expect(report.issues.map((issue) => issue.code)).toEqual(['duplicate_key']);
  });

  it('offset with a total: a short page before the last means records may be skipped: complete is false, with a note', async () => {
    const server = await capping(({ query }, all) => {
      const offset = Number(query.get('offset'));
      const size = offset === 100 ? 60 : sizeOf(query, 'limit'); // page 2 is short, the total says there is more
      return { data: all.slice(offset, offset + size), total: all.length };
    });
    const report = await crawl(server, { style: 'offset', limit: ASKED, total: 'total' });
    expect(report.complete).toBe(false);
    expect(report.stopReason).toMatchObject({ code: 'end-unproven' });
    expect(report.stopReason?.message).toMatch(
      /page 2 \(offset 100\) gave 60 records where 100 were expected/,
    );
    expect(report.notes.find((note) => note.code === 'stopped-early')?.en).toContain('could not be proven');
  });
});
