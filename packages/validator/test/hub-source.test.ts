import { afterEach, describe, expect, it } from 'vitest';
import { ValidatorConfigError, validateHubDataset } from '../src/index';
import { PUSKESMAS, puskesmas } from './helpers';
import { type OpdServer, pagesOf, startOpdServer } from './opd-server';

const servers: OpdServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const API_KEY = 'tk_dinkes_0123456789abcdef';

/** A hub that answers `GET /v1/datasets/{id}/records` as the spec says: `{ items: [{ key, seq, updatedAt, record }], nextCursor }`. */
async function hub(
  records: Record<string, unknown>[],
  options: { pageSize?: number; failPage?: number; status?: number } = {},
) {
  const pages = pagesOf(records, options.pageSize ?? 2);
  const server = await startOpdServer(({ path, query, headers }) => {
    if (headers.authorization !== `Bearer ${API_KEY}`) {
      return {
        status: 401,
        headers: { 'content-type': 'application/problem+json' },
        json: {
          type: 'about:blank',
          title: 'Unauthorized',
          status: 401,
          code: 'unauthorized',
          requestId: 'r1',
        },
      };
    }
    if (path !== '/v1/datasets/dinkes.puskesmas/records') {
      return {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
        json: {
          type: 'about:blank',
          title: 'Dataset not found',
          status: 404,
          code: 'not_found',
          requestId: 'r2',
        },
      };
    }
    const page = Number(query.get('cursor') ?? '0');
    if (options.failPage === page) {
      return {
        status: options.status ?? 500,
        headers: { 'content-type': 'application/problem+json' },
        json: {
          type: 'about:blank',
          title: 'Internal error',
          status: 500,
          code: 'internal_error',
          requestId: 'r3',
        },
      };
    }
    const items = (pages[page] ?? []).map((record, i) => ({
      key: String(record.kode_puskesmas),
      seq: page * 10 + i + 1,
      updatedAt: '2025-03-07T02:00:00Z',
      record,
    }));
    return { json: { items, nextCursor: page + 1 < pages.length ? String(page + 1) : null } };
  });
  servers.push(server);
  return server;
}

describe('validateHubDataset', () => {
  it('reads every page of the dataset through @tukar/client and checks each record', async () => {
    const records = [
      puskesmas(1),
      puskesmas(2),
      puskesmas(3, { jenis: 'klinik' }),
      puskesmas(4),
      puskesmas(5),
    ];
    const server = await hub(records);
    const report = await validateHubDataset(PUSKESMAS, {
      baseUrl: server.url,
      apiKey: API_KEY,
      datasetId: 'dinkes.puskesmas',
      pageSize: 2,
    });
    expect(server.requests.map((r) => `${r.query.get('cursor')}/${r.query.get('limit')}`)).toEqual([
      'null/2',
      '1/2',
      '2/2',
    ]);
    expect(report.source).toEqual({ kind: 'hub', location: `${server.url}#dinkes.puskesmas` });
    expect(report.counts).toEqual({ records: 5, valid: 4, invalid: 1, issues: 1 });
    expect(report.issues[0]).toMatchObject({ record: 3, key: 'P3207010003', code: 'enum', path: '/jenis' });
    expect(report.complete).toBe(true);
  });

  it('turns a refusal of the first request (401, 404) into a configuration error', async () => {
    const server = await hub([puskesmas(1)]);
    const wrongKey = await validateHubDataset(PUSKESMAS, {
      baseUrl: server.url,
      apiKey: 'tk_wrong_key_000000',
      datasetId: 'dinkes.puskesmas',
    }).catch((e: unknown) => e);
    expect(wrongKey).toBeInstanceOf(ValidatorConfigError);
    expect((wrongKey as ValidatorConfigError).code).toBe('hub_refused');
    expect((wrongKey as Error).message).toContain('401');
    await expect(
      validateHubDataset(PUSKESMAS, { baseUrl: server.url, apiKey: API_KEY, datasetId: 'dinkes.klinik' }),
    ).rejects.toThrow(/refused to list dataset dinkes\.klinik.*404/);
    await expect(
      validateHubDataset(PUSKESMAS, { baseUrl: 'not a url', apiKey: API_KEY, datasetId: 'x.y' }),
    ).rejects.toThrow(/baseUrl/);
    await expect(
      validateHubDataset(PUSKESMAS, { baseUrl: server.url, apiKey: '', datasetId: 'x.y' }),
    ).rejects.toThrow(/apiKey/);
  });

  it('reports a hub that fails part-way as an issue and an incomplete run', async () => {
    const server = await hub([puskesmas(1), puskesmas(2), puskesmas(3)], { failPage: 1 });
    const report = await validateHubDataset(PUSKESMAS, {
      baseUrl: server.url,
      apiKey: API_KEY,
      datasetId: 'dinkes.puskesmas',
      pageSize: 2,
    });
    expect(report.counts.records).toBe(2);
    expect(report.issues).toEqual([expect.objectContaining({ code: 'hub_error' })]);
    expect(report.issues[0]!.message).toContain('after 2 records');
    expect(report.complete).toBe(false);
    expect(report.verdict).toBe('invalid');
  });
});
