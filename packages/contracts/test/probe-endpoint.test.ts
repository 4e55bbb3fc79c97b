// tukar contract init --endpoint: a real loopback HTTP server serving records three ways (Laravel's
// next links, page numbers with a last page, one bare array); the probe finds where the records are,
// the pagination and the page size, and reads them all.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ImportError,
  inferFromRecords,
  parseContract,
  parseSampleText,
  probeEndpoint,
  renderImportYaml,
} from '@tukar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleContracts } from './example-contracts';
import { sampleRecords } from './sample-records';

let server: Server;
let base: string;
let records: Record<string, unknown>[] = [];
const requests: string[] = [];

beforeAll(async () => {
  const contract = (await exampleContracts()).find((c) => c.contract.contract === 'disdik.sekolah')?.contract;
  if (!contract) throw new Error('disdik.sekolah example missing');
  records = sampleRecords(contract, 230);
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', base);
    requests.push(`${url.pathname}${url.search}`);
    const send = (body: unknown, status = 200) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/api/laravel') {
      const page = Number(url.searchParams.get('page') ?? 1);
      const data = records.slice((page - 1) * 50, page * 50);
      const last = Math.ceil(records.length / 50);
      send({
        data,
        links: { next: page < last ? `${base}/api/laravel?page=${page + 1}` : null },
        meta: { current_page: page },
      });
    } else if (url.pathname === '/api/halaman') {
      const page = Number(url.searchParams.get('page') ?? 1);
      const size = Number(url.searchParams.get('per_page') ?? 25);
      send({
        status: 'ok',
        hasil: records.slice((page - 1) * size, page * size),
        meta: { total_pages: Math.ceil(records.length / size) },
      });
    } else if (url.pathname === '/api/semua') send(records);
    else send({ message: 'not found' }, 404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('probeEndpoint', () => {
  it('Laravel next links: records at data, pagination links.next, all pages read', async () => {
    const probe = await probeEndpoint(`${base}/api/laravel`);
    expect(probe.provider).toMatchObject({
      path: '/api/laravel',
      records: 'data',
      pagination: { next: 'links.next' },
      contentType: 'application/json',
    });
    expect(probe.records).toEqual(records);
    expect(probe.pages).toBe(5);
    const result = inferFromRecords(probe.records, { name: 'sekolah', contract: 'disdik.sekolah' });
    const contract = { ...result.contract, provider: probe.provider };
    const loaded = parseContract(renderImportYaml({ ...result, contract }));
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
    expect(loaded.contract.provider?.pagination).toEqual({ next: 'links.next' });
    expect(
      (loaded.contract.schema as { properties: Record<string, { format?: string }> }).properties.npsn?.format,
    ).toBe('npsn');
  });

  it('page numbers with a total page count and a page size', async () => {
    const probe = await probeEndpoint(`${base}/api/halaman?per_page=40`);
    expect(probe.provider).toMatchObject({
      records: 'hasil',
      pagination: {
        style: 'page',
        pageParam: 'page',
        firstPage: 1,
        totalPages: 'meta.total_pages',
        limitParam: 'per_page',
        limit: 40,
      },
    });
    expect(probe.records).toHaveLength(records.length);
    expect(probe.pages).toBe(6);
  });

  it('a bare array is one page; maxRecords stops early; an error status is a clear error', async () => {
    const probe = await probeEndpoint(`${base}/api/semua`);
    expect(probe.provider.records).toBeUndefined();
    expect(probe.provider.pagination).toEqual({ style: 'none' });
    expect(probe.records).toHaveLength(records.length);
    expect((await probeEndpoint(`${base}/api/laravel`, { maxRecords: 120 })).records).toHaveLength(120);
    const error = await probeEndpoint(`${base}/api/tidak-ada`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({
      code: 'connection_failed',
      message: expect.stringContaining('answered HTTP 404'),
    });
  });
});

describe('parseSampleText', () => {
  it('reads a JSON array, an object holding the list, and NDJSON; names a bad line', () => {
    expect(parseSampleText('[{"a":1},{"a":2}]')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(parseSampleText('{"data":[{"a":1}]}')).toEqual([{ a: 1 }]);
    expect(parseSampleText('{"a":1}\n{"a":2}\n')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(() => parseSampleText('{"a":1}\n[1]\n', 'data.ndjson')).toThrow(
      'data.ndjson line 2 is not a JSON object',
    );
  });
});
