// The mock (@tukar/mock under msw/node) and the real hub (on a loopback port) answer @tukar/client alike:
// the same scenarios run against both, in the same order, and their normalized answers must be equal.
import { createHubClient, type FetchLike, type HubClient, HubError } from '@tukar/client';
import { type MockHub, mockHub } from '@tukar/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  startHub,
  type TestHub,
} from '../packages/hub/test/hub-fixture';
import { setupServer } from '../packages/mock/test/msw-node';

/** The fetch of the platform, taken before msw patches the global one: the real hub's traffic never meets msw. */
const platformFetch: FetchLike = globalThis.fetch.bind(globalThis);

const SIMPUS = 'ciamis/dinkes/simpus';
const SATUDATA = 'ciamis/bappeda/satudata';
const GRANTS = { [SIMPUS]: { 'dinkes.puskesmas': ['read', 'write'] as const }, [SATUDATA]: {} };
const SEEDED = 4;

/** One hub the scenarios run against. */
interface Target {
  name: 'mock' | 'real';
  baseUrl: string;
  fetch: FetchLike;
  keys: Record<string, string>;
  adminKey: string;
}

let real: TestHub;
let mock: MockHub;
const targets: Target[] = [];
const server = setupServer();

beforeAll(async () => {
  const puskesmas = await exampleContract('dinkes.puskesmas');
  const umkm = await exampleContract('diskumdag.umkm');

  real = await startHub();
  await publishDataset(real.admin, puskesmas);
  await publishDataset(real.admin, umkm);
  const realKeys: Record<string, string> = {};
  for (const [id, grants] of Object.entries(GRANTS)) {
    realKeys[id] = (await registerClient(real, id, grants as Record<string, Array<'read' | 'write'>>)).apiKey;
  }
  await real.admin.pushRecords('dinkes.puskesmas', puskesmasRecords(SEEDED));

  mock = await mockHub({
    baseUrl: 'http://hub.mock',
    contracts: [puskesmas, umkm],
    clients: Object.fromEntries(
      Object.entries(GRANTS).map(([id, grants]) => [
        id,
        { grants, name: `Sistem ${id}`, opd: id.split('/')[1] },
      ]),
    ),
    records: { 'dinkes.puskesmas': puskesmasRecords(SEEDED) },
  });
  server.resetHandlers(...mock.handlers);
  server.listen({ onUnhandledRequest: 'error' });

  targets.push(
    {
      name: 'mock',
      baseUrl: mock.baseUrl,
      fetch: globalThis.fetch,
      keys: { ...mock.keys },
      adminKey: mock.adminKey,
    },
    { name: 'real', baseUrl: real.url, fetch: platformFetch, keys: realKeys, adminKey: real.adminKey },
  );
});

afterAll(async () => {
  server.close();
  await real?.close();
});

const clientOf = (target: Target, apiKey: string): HubClient =>
  createHubClient({ baseUrl: target.baseUrl, apiKey, fetch: target.fetch, retry: false });

/** Fields that differ between any two runs (times, generated ids) are dropped; ids inside text are masked. */
const VOLATILE = new Set([
  'requestId',
  'at',
  'createdAt',
  'updatedAt',
  'grantedAt',
  'lastChangeAt',
  'lastUsedAt',
  'publishedAt',
  'statusChangedAt',
  'keyId',
  'url',
]);

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value instanceof HubError) {
    return normalize({
      error: value.name,
      status: value.status,
      code: value.code,
      errors: value.errors,
      problem: value.problem,
    });
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !VOLATILE.has(key))
        .map(([key, v]) => [key, normalize(v)]),
    );
  }
  if (typeof value === 'string') {
    // A receipt is signed by each hub's own key over its own time: both must give one, not the same one.
    if (/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{86}$/.test(value)) return '<signed receipt>';
    return value
      .replace(/\b(req|key)_[A-Za-z0-9]+/g, '$1_…')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>');
  }
  return value;
}

/** What a call answered: its value, or the error it threw. */
const settle = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ ok: value }),
    (error: unknown) => ({ threw: error }),
  );

/** Runs a scenario against the mock and then the real hub; both normalized answers are returned. */
async function onBoth(scenario: (target: Target) => Promise<unknown>): Promise<[unknown, unknown]> {
  const [mockTarget, realTarget] = targets as [Target, Target];
  const fromMock = normalize(await scenario(mockTarget));
  const fromReal = normalize(await scenario(realTarget));
  return [fromMock, fromReal];
}

describe('the mock answers @tukar/client as the real hub does', () => {
  it('whoami: the client, its role, its procedure role and its grants', async () => {
    const [fromMock, fromReal] = await onBoth(async (t) => {
      const client = clientOf(t, t.keys[SIMPUS] as string);
      return client.unwrap(client.GET('/v1/meta/whoami'));
    });
    expect(fromMock).toEqual(fromReal);
    expect(fromReal).toEqual({
      clientId: SIMPUS,
      name: `Sistem ${SIMPUS}`,
      role: 'client',
      procedureRole: 'opd-operator',
      grants: [{ clientId: SIMPUS, datasetId: 'dinkes.puskesmas', access: ['read', 'write'] }],
    });
  });

  it('a pushed batch: created, updated and unchanged counts and the new sequence', async () => {
    const [fromMock, fromReal] = await onBoth(async (t) => {
      const records = puskesmasRecords(SEEDED + 2);
      records[0] = { ...records[0], nama: 'Puskesmas Ciamis Kota' };
      const result = await clientOf(t, t.keys[SIMPUS] as string).pushRecords('dinkes.puskesmas', records);
      const admin = clientOf(t, t.adminKey);
      const dataset = await admin.unwrap(
        admin.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } }),
      );
      return { result, dataset };
    });
    expect(fromMock).toEqual(fromReal);
    expect(fromReal).toMatchObject({
      result: {
        batches: 1,
        records: SEEDED + 2,
        created: 2,
        updated: 1,
        unchanged: SEEDED - 1,
        deleted: 0,
        seq: 7,
      },
      dataset: { id: 'dinkes.puskesmas', contractVersion: '1.0.0', recordCount: 6, lastSeq: 7 },
    });
  });

  it('a batch with invalid records: 422 with each record error, and nothing written', async () => {
    const [fromMock, fromReal] = await onBoth(async (t) => {
      const [good, bad, incomplete] = puskesmasRecords(3, 100);
      const client = clientOf(t, t.keys[SIMPUS] as string);
      const refused = await settle(
        client.pushRecords('dinkes.puskesmas', [
          good as Record<string, unknown>,
          { ...bad, kode_wilayah: '32.07.99.9999' },
          { ...incomplete, nama: undefined, jenis: 'klinik' },
        ]),
      );
      const dataset = await client.unwrap(
        client.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } }),
      );
      return { refused, recordCount: dataset.recordCount, lastSeq: dataset.lastSeq };
    });
    expect(fromMock).toEqual(fromReal);
    expect(fromReal).toMatchObject({
      refused: { threw: { status: 422, code: 'validation_failed' } },
      recordCount: 6,
      lastSeq: 7,
    });
    const errors = (fromReal as { refused: { threw: { errors: Array<{ index: number; path: string }> } } })
      .refused.threw.errors;
    expect(errors.map((e) => `${e.index} ${e.path}`)).toEqual(['1 /kode_wilayah', '2 /nama', '2 /jenis']);
  });

  it('an Idempotency-Key: a replay returns the first answer, another body under it is 409', async () => {
    const [fromMock, fromReal] = await onBoth(async (t) => {
      const client = clientOf(t, t.keys[SIMPUS] as string);
      const push = (records: Array<Record<string, unknown>>) =>
        settle(
          client.unwrap(
            client.POST('/v1/datasets/{datasetId}/records', {
              params: {
                path: { datasetId: 'dinkes.puskesmas' },
                header: { 'Idempotency-Key': 'parity-batch-0001' },
              },
              body: { upsert: records },
            }),
          ),
        );
      const first = await push(puskesmasRecords(2, 200));
      const replay = await push(puskesmasRecords(2, 200));
      const conflict = await push(puskesmasRecords(2, 300));
      return { first, replay, conflict };
    });
    expect(fromMock).toEqual(fromReal);
    expect(fromReal).toMatchObject({
      first: { ok: { created: 2, seq: 9, replayed: false } },
      replay: { ok: { created: 2, seq: 9, replayed: true } },
      conflict: { threw: { status: 409, code: 'idempotency_conflict' } },
    });
  });

  it('deletes in a batch, then the changes feed in commit order and by page', async () => {
    const [fromMock, fromReal] = await onBoth(async (t) => {
      const client = clientOf(t, t.keys[SIMPUS] as string);
      const [doomed] = puskesmasRecords(1, 1);
      const deleted = await client.unwrap(
        client.POST('/v1/datasets/{datasetId}/records', {
          params: {
            path: { datasetId: 'dinkes.puskesmas' },
            header: { 'Idempotency-Key': 'parity-delete-0001' },
          },
          body: { delete: [{ kode_puskesmas: doomed?.kode_puskesmas }] },
        }),
      );
      const reader = clientOf(t, t.keys[SATUDATA] as string);
      const feed = [];
      for await (const change of reader.pullChanges('dinkes.puskesmas', { limit: 3 })) feed.push(change);
      const page = await reader.unwrap(
        reader.GET('/v1/datasets/{datasetId}/changes', {
          params: { path: { datasetId: 'dinkes.puskesmas' }, query: { since: 5, limit: 2 } },
        }),
      );
      const records = [];
      for await (const stored of reader.listRecords('dinkes.puskesmas', { limit: 4 })) records.push(stored);
      return { deleted, feed, page, records };
    });
    expect(fromMock).toEqual(fromReal);
    const answer = fromReal as {
      deleted: unknown;
      feed: Array<{ seq: number; op: string }>;
      page: { nextSince: number; hasMore: boolean };
      records: unknown[];
    };
    expect(answer.deleted).toMatchObject({ deleted: 1, seq: 10 });
    expect(answer.feed.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(answer.feed.at(-1)).toMatchObject({ op: 'delete' });
    expect(answer.page).toMatchObject({ nextSince: 7, hasMore: true });
    expect(answer.records).toHaveLength(7);
  });

  it('403 without a grant: writing, reading a terbatas dataset, and an admin operation', async () => {
    const [fromMock, fromReal] = await onBoth(async (t) => {
      const reader = clientOf(t, t.keys[SATUDATA] as string);
      return {
        write: await settle(reader.pushRecords('dinkes.puskesmas', puskesmasRecords(1, 400))),
        read: await settle(
          reader.unwrap(
            reader.GET('/v1/datasets/{datasetId}/records', {
              params: { path: { datasetId: 'diskumdag.umkm' } },
            }),
          ),
        ),
        admin: await settle(reader.unwrap(reader.GET('/v1/clients'))),
      };
    });
    expect(fromMock).toEqual(fromReal);
    expect(fromReal).toMatchObject({
      write: { threw: { status: 403, code: 'forbidden' } },
      read: { threw: { status: 403, code: 'forbidden' } },
      admin: { threw: { status: 403, code: 'forbidden' } },
    });
  });

  it('401 with an unknown key, a malformed key and no key', async () => {
    const [fromMock, fromReal] = await onBoth(async (t) => {
      const unknown = clientOf(t, `tk_${'Z'.repeat(43)}`);
      const malformed = clientOf(t, 'tk_kunci-salah');
      const bare = await t.fetch(new Request(`${t.baseUrl}/v1/meta/whoami`));
      return {
        unknown: await settle(unknown.unwrap(unknown.GET('/v1/meta/whoami'))),
        malformed: await settle(malformed.unwrap(malformed.GET('/v1/datasets'))),
        none: { status: bare.status, type: bare.headers.get('content-type'), body: await bare.json() },
      };
    });
    expect(fromMock).toEqual(fromReal);
    expect(fromReal).toMatchObject({
      unknown: { threw: { status: 401, code: 'unauthorized' } },
      malformed: { threw: { status: 401, code: 'unauthorized' } },
      none: { status: 401, type: 'application/problem+json', body: { code: 'unauthorized' } },
    });
  });

  it('404 for an unknown dataset and 405 for a method the path does not have', async () => {
    const [fromMock, fromReal] = await onBoth(async (t) => {
      const client = clientOf(t, t.keys[SIMPUS] as string);
      const wrongMethod = await t.fetch(
        new Request(`${t.baseUrl}/v1/meta/whoami`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${t.keys[SIMPUS]}` },
        }),
      );
      return {
        missing: await settle(client.pushRecords('dinkes.tidak-ada', puskesmasRecords(1))),
        wrongMethod: {
          status: wrongMethod.status,
          allow: wrongMethod.headers.get('allow'),
          body: await wrongMethod.json(),
        },
      };
    });
    expect(fromMock).toEqual(fromReal);
    expect(fromReal).toMatchObject({
      missing: { threw: { status: 404, code: 'not_found' } },
      wrongMethod: { status: 405, allow: 'GET', body: { code: 'method_not_allowed' } },
    });
  });

  it('sent the real hub its traffic over the loopback port, and the mock none of it', async () => {
    const realAudit = await real.store.listAudit(0, 10_000, { clientId: SIMPUS });
    const mockAudit = await mock.store.listAudit(0, 10_000, { clientId: SIMPUS });
    expect(realAudit.length).toBeGreaterThan(5);
    expect(mockAudit.map((row) => `${row.method} ${row.path} ${row.status}`)).toEqual(
      realAudit.map((row) => `${row.method} ${row.path} ${row.status}`),
    );
  });
});
