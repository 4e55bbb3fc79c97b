import { afterEach, describe, expect, it } from 'vitest';
import { ValidatorConfigError, validateEndpoint } from '../src/index';
import { PENDUDUK, PUSKESMAS, puskesmas, REALISASI, SEKOLAH, UMKM, umkm } from './helpers';
import { type OpdServer, pagesOf, startOpdServer } from './opd-server';

const servers: OpdServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof startOpdServer>[0]): Promise<OpdServer> {
  const server = await startOpdServer(handler);
  servers.push(server);
  return server;
}

/** Fast retries for tests. */
const quick = { retryDelayMs: 5, timeoutMs: 5_000 };

/** SIMPUS as Laravel paginates it: `{ data, links: { next }, meta }`, absolute next links. */
async function laravel(records: unknown[], perPage: number, path = '/api/puskesmas') {
  const pages = pagesOf(records, perPage);
  const server: OpdServer = await serve(({ path: asked, query }) => {
    if (asked !== path) return { status: 404, json: { message: 'Not Found' } };
    const page = Number(query.get('page') ?? '1');
    const next = page < pages.length ? `${server.url}${path}?page=${page + 1}` : null;
    return {
      json: {
        data: pages[page - 1] ?? [],
        links: {
          first: `${server.url}${path}?page=1`,
          last: `${server.url}${path}?page=${pages.length}`,
          prev: null,
          next,
        },
        meta: { current_page: page, last_page: pages.length, per_page: perPage, total: records.length },
      },
    };
  });
  return server;
}

describe('validateEndpoint', () => {
  it('follows Laravel next links and reports each issue with its page and URL', async () => {
    const records = Array.from({ length: 12 }, (_, i) => puskesmas(i + 1));
    records[6] = puskesmas(7, { jumlah_tenaga_kesehatan: '12' }); // page 2: a number as text
    delete records[7]!.nama; // page 2: missing field
    records[10] = puskesmas(1); // page 3: the key of record 1 again
    records[11] = puskesmas(12, { kode_wilayah: '32.07.01.9999' }); // page 3: no such desa
    const server = await laravel(records, 5);
    const report = await validateEndpoint(PUSKESMAS, { baseUrl: server.url, ...quick });
    expect(server.requests.map((r) => r.query.get('page'))).toEqual([null, '2', '3']);
    expect(report.source).toEqual({ kind: 'endpoint', location: `${server.url}/api/puskesmas` });
    expect(report.counts).toEqual({ records: 12, valid: 8, invalid: 4, issues: 4 });
    expect(report.complete).toBe(true);
    const byCode = Object.fromEntries(report.issues.map((issue) => [issue.code, issue]));
    expect(byCode.type).toMatchObject({
      record: 7,
      page: 2,
      url: `${server.url}/api/puskesmas?page=2`,
      path: '/jumlah_tenaga_kesehatan',
    });
    expect(byCode.required).toMatchObject({ record: 8, page: 2, path: '/nama' });
    expect(byCode.duplicate_key).toMatchObject({ record: 11, page: 3, key: 'P3207010001' });
    expect(byCode['kode-wilayah-desa']).toMatchObject({
      record: 12,
      page: 3,
      url: `${server.url}/api/puskesmas?page=3`,
    });
    expect(report.http).toMatchObject({ requests: 3, errors: 0, retries: 0, pages: 3 });
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['http-status', 'passed'],
      ['content-type', 'passed'],
      ['latency', 'passed'],
      ['envelope', 'passed'],
      ['schema', 'failed'],
      ['reference-codes', 'failed'],
      ['primary-key', 'failed'],
    ]);
  });

  it('reads a plain array with no pagination', async () => {
    const server = await serve(() => ({ json: [puskesmas(1), puskesmas(2)] }));
    const report = await validateEndpoint(PUSKESMAS, {
      baseUrl: `${server.url}/simpus/`,
      provider: { path: '/api/puskesmas', pagination: { style: 'none' }, records: undefined },
    });
    expect(server.requests.map((r) => r.path)).toEqual(['/simpus/api/puskesmas']);
    expect(report).toMatchObject({ verdict: 'valid', counts: { records: 2, valid: 2 } });
  });

  it('pages `{ status, message, data }` by page and limit until an empty page (a short page is not the end)', async () => {
    const records = Array.from({ length: 10 }, (_, i) => puskesmas(i + 1));
    const server = await serve(({ query }) => {
      const page = Number(query.get('page'));
      const limit = Number(query.get('limit'));
      return {
        json: { status: true, message: 'Berhasil', data: records.slice((page - 1) * limit, page * limit) },
      };
    });
    const report = await validateEndpoint(PUSKESMAS, {
      baseUrl: server.url,
      provider: { path: '/api/v2/puskesmas', pagination: { style: 'page', limitParam: 'limit', limit: 4 } },
    });
    expect(server.requests.map((r) => `${r.query.get('page')}/${r.query.get('limit')}`)).toEqual([
      '1/4',
      '2/4',
      '3/4',
      '4/4',
    ]);
    expect(report.counts).toMatchObject({ records: 10, valid: 10 });
    expect(report.complete).toBe(true);
  });

  it('pages by offset with a total, several pages at once but checked in order; composite keys', async () => {
    const row = (desa: string, semester: string, extra: Record<string, unknown> = {}) => ({
      kode_desa: desa,
      semester,
      jumlah_penduduk: 6218,
      laki_laki: 3097,
      perempuan: 3121,
      kepala_keluarga: 1987,
      ...extra,
    });
    const records = [
      row('32.07.01.2008', '2024-1'),
      row('32.07.01.2008', '2023-2'),
      row('32.07.01.1001', '2024-1'),
      row('32.07.01.2008', '2024-1'), // duplicate (kode_desa, semester)
      row('32.07.99.2001', '2024-1'), // not a desa
      row('32.07.09.2002', '2024-1', { jumlah_penduduk: -5 }),
      row('32.07.09.2002', '2023-2'),
      row('32.07.18.2012', '2024-1'),
    ];
    const server = await serve(({ query }) => {
      const offset = Number(query.get('offset'));
      const limit = Number(query.get('limit'));
      return {
        delayMs: 30,
        json: { data: records.slice(offset, offset + limit), meta: { total: records.length } },
      };
    });
    const report = await validateEndpoint(PENDUDUK, {
      baseUrl: server.url,
      provider: { pagination: { style: 'offset', limit: 3, total: 'meta.total' } },
      concurrency: 2,
    });
    expect(server.requests.map((r) => r.query.get('offset'))).toEqual(['0', '3', '6']);
    expect(server.maxInFlight).toBe(2);
    expect(report.counts).toEqual({ records: 8, valid: 5, invalid: 3, issues: 3 });
    expect(report.issues.map((i) => [i.record, i.code, i.page])).toEqual([
      [4, 'duplicate_key', 2],
      [5, 'kode-wilayah-desa', 2],
      [6, 'minimum', 2],
    ]);
    expect(report.issues[0]!.key).toBe('32.07.01.2008,2024-1');
  });

  it('follows a cursor (records at data.items, cursor at data.next_cursor)', async () => {
    const row = (bulan: number, kode: string) => ({
      tahun_anggaran: 2024,
      bulan,
      kode_opd: kode,
      nama_opd: 'Dinas Kesehatan',
      anggaran: 412500000000,
      realisasi: 31250000000,
      persentase: 43.22,
    });
    const records = [
      row(1, '1.02.0.00.0.00.01.0000'),
      row(2, '1.02.0.00.0.00.01.0000'),
      row(3, '1.02.0.00.0.00.01.0000'),
      row(13, '1.02.0.00.0.00.01.0000'),
      row(4, '1.02.0.00.0.00.01.0000'),
    ];
    const server = await serve(({ query }) => {
      const at = Number((query.get('cursor') ?? 'c0').slice(1));
      const next = at + 2 < records.length ? `c${at + 2}` : null;
      return { json: { status: 'ok', data: { items: records.slice(at, at + 2), next_cursor: next } } };
    });
    const report = await validateEndpoint(REALISASI, { baseUrl: server.url });
    expect(server.requests.map((r) => `${r.query.get('cursor')}/${r.query.get('limit')}`)).toEqual([
      'null/200',
      'c2/200',
      'c4/200',
    ]);
    expect(report.counts).toMatchObject({ records: 5, invalid: 1 });
    expect(report.issues[0]).toMatchObject({
      record: 4,
      code: 'maximum',
      path: '/bulan',
      key: '2024,13,1.02.0.00.0.00.01.0000',
      page: 2,
    });
  });

  it('reads every page when the body gives the number of pages (Dapodik-style page/per_page, meta.last_page)', async () => {
    const schools = ['20211034', '20211147', '69861532', '20211035', '2021103'].map((npsn, i) => ({
      npsn,
      nama: `SD Negeri ${i + 1} Ciamis`,
      jenjang: 'SD',
      status: 'negeri',
      kode_wilayah: '32.07.01',
      alamat: 'Jl. Jenderal Sudirman, Ciamis',
    }));
    const pages = pagesOf(schools, 2);
    const server = await serve(({ query }) => ({
      json: { data: pages[Number(query.get('page')) - 1] ?? [], meta: { last_page: pages.length } },
    }));
    const report = await validateEndpoint(SEKOLAH, { baseUrl: server.url, concurrency: 3 });
    expect(server.requests.map((r) => `${r.query.get('page')}/${r.query.get('per_page')}`)).toEqual([
      '1/100',
      '2/100',
      '3/100',
    ]);
    expect(report.issues).toEqual([expect.objectContaining({ record: 5, code: 'npsn', page: 3 })]);
  });

  it('reports an invalid NIK from the endpoint masked', async () => {
    const server = await laravel([umkm(1), umkm(2, { nik_pemilik: '3207013102850001' })], 10, '/api/umkm');
    const report = await validateEndpoint(UMKM, { baseUrl: server.url });
    expect(report.issues).toEqual([expect.objectContaining({ record: 2, code: 'nik', page: 1 })]);
    expect(JSON.stringify(report)).not.toContain('3207013102850001');
  });

  it('reports a 500 on one page after retrying it, and reads the pages after it', async () => {
    const records = Array.from({ length: 9 }, (_, i) => puskesmas(i + 1));
    const pages = pagesOf(records, 3);
    const server = await serve(({ query }) => {
      const page = Number(query.get('page'));
      if (page === 2) return { status: 500, json: { message: 'Server Error' } };
      return { json: { data: pages[page - 1], meta: { last_page: 3 } } };
    });
    const report = await validateEndpoint(PUSKESMAS, {
      baseUrl: server.url,
      ...quick,
      retries: 2,
      provider: { pagination: { style: 'page', totalPages: 'meta.last_page' } },
    });
    expect(server.requests.filter((r) => r.query.get('page') === '2')).toHaveLength(3);
    expect(report.counts).toMatchObject({ records: 6, valid: 6 });
    expect(report.issues).toEqual([
      expect.objectContaining({ code: 'http_status', page: 2, url: `${server.url}/api/puskesmas?page=2` }),
    ]);
    expect(report.issues[0]!.message).toContain('500');
    expect(report.issues[0]!.message).toContain('3 attempts');
    expect(report.http).toMatchObject({ requests: 5, retries: 2, errors: 3, pages: 3 });
    expect(report.verdict).toBe('invalid');
    expect(report.complete).toBe(false);
    expect(report.stopReason?.message).toContain('page 2');
  });

  it('retries a 503 that then succeeds, without an issue', async () => {
    const server = await serve(({ nth }) =>
      nth === 1
        ? { status: 503, headers: { 'retry-after': '0' }, json: {} }
        : { json: { data: [puskesmas(1)], links: { next: null } } },
    );
    const report = await validateEndpoint(PUSKESMAS, { baseUrl: server.url, ...quick });
    expect(report.verdict).toBe('valid');
    expect(report.http).toMatchObject({ requests: 2, retries: 1, errors: 1 });
  });

  it('reports an HTML error page instead of JSON as a finding (content type and body), not a crash', async () => {
    const server = await serve(({ query }) =>
      query.get('page') === '2'
        ? {
            headers: { 'content-type': 'text/html; charset=UTF-8' },
            text: '<!DOCTYPE html><html><body><h1>Whoops, looks like something went wrong.</h1></body></html>',
          }
        : { json: { data: [puskesmas(1)], links: { next: '/api/puskesmas?page=2' } } },
    );
    const report = await validateEndpoint(PUSKESMAS, { baseUrl: server.url });
    expect(report.issues.map((i) => [i.code, i.page])).toEqual([
      ['content_type', 2],
      ['body_not_json', 2],
    ]);
    expect(report.issues[1]!.message).toContain('<!DOCTYPE html>');
    expect(report.complete).toBe(false);
    expect(report.checks.find((c) => c.id === 'content-type')?.status).toBe('failed');
    expect(report.checks.find((c) => c.id === 'envelope')?.status).toBe('failed');
  });

  it('stops when a next link loops back, and says so', async () => {
    const server = await serve(({ query }) => {
      const page = Number(query.get('page') ?? '1');
      return {
        json: {
          data: [puskesmas(page)],
          links: { next: `/api/puskesmas?page=${page === 3 ? 1 : page + 1}` },
        },
      };
    });
    const report = await validateEndpoint(PUSKESMAS, { baseUrl: server.url });
    // Page 3 links to ?page=1, which is the first page again (first asked without the parameter).
    expect(server.requests.map((r) => r.query.get('page'))).toEqual([null, '2', '3', '1']);
    expect(report.counts.records).toBe(3);
    expect(report.issues).toEqual([expect.objectContaining({ code: 'pagination_loop', page: 4 })]);
    expect(report.issues[0]!.message).toContain('same as page 1');
    expect(report.stopReason?.code).toBe('pagination-loop');
  });

  it('stops when the server ignores the page parameter and serves the same page again', async () => {
    const server = await serve(() => ({ json: { data: [puskesmas(1), puskesmas(2)] } }));
    const report = await validateEndpoint(PUSKESMAS, {
      baseUrl: server.url,
      provider: { pagination: { style: 'page' } },
    });
    expect(server.requests).toHaveLength(2);
    expect(report.issues.map((i) => i.code)).toEqual(['pagination_loop']);
    expect(report.issues[0]!.message).toContain('ignore the `page` parameter');
    expect(report.counts.records).toBe(2);
  });

  it('gives up on a page that times out, after its retries', async () => {
    const server = await serve(({ query }) =>
      query.get('page') === '2'
        ? { delayMs: 10_000, json: {} }
        : { json: { data: [puskesmas(1)], links: { next: '/api/puskesmas?page=2' } } },
    );
    const report = await validateEndpoint(PUSKESMAS, {
      baseUrl: server.url,
      timeoutMs: 150,
      retries: 1,
      retryDelayMs: 5,
    });
    expect(report.issues).toEqual([expect.objectContaining({ code: 'timeout', page: 2 })]);
    expect(report.issues[0]!.message).toContain('150 ms');
    expect(report.http).toMatchObject({ requests: 3, retries: 1, errors: 2 });
    expect(report.stopReason?.code).toBe('request-failed');
  });

  it('flags answers slower than the latency budget', async () => {
    const server = await serve(() => ({
      delayMs: 120,
      json: { data: [puskesmas(1)], links: { next: null } },
    }));
    const report = await validateEndpoint(PUSKESMAS, {
      baseUrl: server.url,
      provider: { latencyBudgetMs: 20 },
    });
    expect(report.issues).toEqual([expect.objectContaining({ code: 'latency', page: 1 })]);
    expect(report.http?.overBudget).toBe(1);
  });

  it('reports an envelope of the wrong shape, naming what it found', async () => {
    const server = await serve(() => ({ json: { status: true, message: 'OK', result: [puskesmas(1)] } }));
    const report = await validateEndpoint(PUSKESMAS, { baseUrl: server.url });
    expect(report.issues).toHaveLength(1);
    expect(report.issues[0]!.code).toBe('envelope');
    expect(report.issues[0]!.message).toContain('`data`');
    expect(report.issues[0]!.message).toContain('keys status, message, result');
  });

  it('sends auth headers; a refused first request is a configuration error, not an invalid report', async () => {
    const server = await serve(({ headers }) =>
      headers.authorization === 'Bearer rahasia-123' && headers['x-api-key'] === 'k1'
        ? { json: { data: [puskesmas(1)], links: { next: null } } }
        : { status: 401, json: { message: 'Unauthenticated.' } },
    );
    const ok = await validateEndpoint(PUSKESMAS, {
      baseUrl: server.url,
      headers: { Authorization: 'Bearer rahasia-123', 'X-Api-Key': 'k1' },
    });
    expect(ok.verdict).toBe('valid');
    const refused = await validateEndpoint(PUSKESMAS, {
      baseUrl: server.url,
      headers: { Authorization: 'Bearer rahasia-salah' },
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidatorConfigError);
    expect(refused).toMatchObject({ code: 'endpoint_refused' });
    expect((refused as Error).message).toContain('401');
    expect((refused as Error).message).not.toContain('rahasia');
  });

  it('masks secrets in URLs and does not follow a next link to another site', async () => {
    const other = await serve(() => ({ json: { data: [] } }));
    const server = await serve(() => ({
      json: {
        data: [puskesmas(1)],
        links: { next: `${other.url.replace('127.0.0.1', 'localhost')}/steal?page=2` },
      },
    }));
    const report = await validateEndpoint(PUSKESMAS, { baseUrl: `${server.url}?api_key=sangat-rahasia` });
    expect(other.requests).toHaveLength(0);
    expect(report.issues).toEqual([expect.objectContaining({ code: 'pagination_offsite' })]);
    expect(report.source.location).toBe(`${server.url}/api/puskesmas?api_key=***`);
    expect(JSON.stringify(report)).not.toContain('sangat-rahasia');
  });

  it('stops at the page cap and the record cap, and pauses between requests when asked', async () => {
    const records = Array.from({ length: 20 }, (_, i) => puskesmas(i + 1));
    const server = await laravel(records, 2);
    const capped = await validateEndpoint(PUSKESMAS, { baseUrl: server.url, maxPages: 3, delayMs: 5 });
    expect(capped.counts.records).toBe(6);
    expect(capped.stopReason).toMatchObject({ code: 'max-pages' });
    expect(capped.complete).toBe(false);
    expect(capped.verdict).toBe('valid');
    const fewer = await validateEndpoint(PUSKESMAS, { baseUrl: server.url, maxRecords: 5 });
    expect(fewer.counts.records).toBe(5);
    expect(fewer.stopReason).toMatchObject({ code: 'max-records' });
  });

  it('reports a server that cannot be reached, and a body over the size limit', async () => {
    const gone = await serve(() => ({ json: [] }));
    const url = gone.url;
    await gone.close();
    servers.splice(servers.indexOf(gone), 1);
    // Nothing answered: no verdict (an invalid report would blame the data), a configuration error instead.
    const unreachable = await validateEndpoint(PUSKESMAS, {
      baseUrl: url,
      retries: 1,
      retryDelayMs: 1,
    }).catch((error: unknown) => error);
    expect(unreachable).toBeInstanceOf(ValidatorConfigError);
    expect(unreachable).toMatchObject({ code: 'unreachable' });
    expect((unreachable as Error).message).toContain('ECONNREFUSED');
    const big = await serve(() => ({ json: { data: Array.from({ length: 50 }, (_, i) => puskesmas(i)) } }));
    const tooBig = await validateEndpoint(PUSKESMAS, { baseUrl: big.url, maxPageBytes: 1000 });
    expect(tooBig.issues).toEqual([expect.objectContaining({ code: 'body_too_large', page: 1 })]);
  });

  it('throws a ValidatorConfigError for settings that cannot work', async () => {
    await expect(validateEndpoint(PUSKESMAS, { baseUrl: 'ftp://example' })).rejects.toThrow(
      /not an absolute http\(s\) URL/,
    );
    await expect(
      validateEndpoint(PUSKESMAS, {
        baseUrl: 'http://127.0.0.1:1',
        provider: { pagination: { style: 'page', limit: -1 } },
      }),
    ).rejects.toThrow(/provider settings are not valid: pagination/);
    await expect(
      validateEndpoint(PUSKESMAS, { baseUrl: 'http://127.0.0.1:1', headers: { 'bad header': 'x' } }),
    ).rejects.toThrow(/header/);
    await expect(
      validateEndpoint(PENDUDUK, { baseUrl: 'http://127.0.0.1:1', concurrency: 0 }),
    ).rejects.toBeInstanceOf(ValidatorConfigError);
    const { parseContract } = await import('@tukar/contracts');
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(PUSKESMAS, 'utf8').replace(/^provider:[\s\S]*?(?=^examples:)/m, '');
    const loaded = parseContract(text);
    if (!loaded.ok) throw new Error('fixture');
    const error = await validateEndpoint(loaded.contract, { baseUrl: 'http://127.0.0.1:1' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'provider_missing' });
  });
});
