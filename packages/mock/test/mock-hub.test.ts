// mockHub: seeding through the hub's own API, keys, store access, base URLs — with msw/node and @tukar/client.
import { createHubClient, HubError } from '@tukar/client';
import { API_KEY_PATTERN, verifyStoredAudit } from '@tukar/hub';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { DEFAULT_BASE_URL, type MockClient, type MockHub, mockHub } from '../src/index';
import { exampleContract, puskesmas } from './fixture';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const clientOf = (hub: MockHub, apiKey: string) =>
  createHubClient({ baseUrl: hub.baseUrl, apiKey, retry: false });

describe('a seeded mock hub', () => {
  let hub: MockHub<'ciamis/dinkes/simpus' | 'ciamis/bappeda/satudata'>;

  beforeAll(async () => {
    hub = await mockHub({
      contracts: [await exampleContract('dinkes.puskesmas'), await exampleContract('diskumdag.umkm')],
      clients: {
        'ciamis/dinkes/simpus': { grants: { 'dinkes.puskesmas': ['read', 'write'] } },
        'ciamis/bappeda/satudata': { grants: { 'diskumdag.umkm': ['read'] }, name: 'Satu Data Ciamis' },
      },
      records: { 'dinkes.puskesmas': puskesmas(12) },
    });
  });
  // The seeded hub's handlers are the server's baseline for this group (resetHandlers keeps them).
  beforeAll(() => server.resetHandlers(...hub.handlers));
  afterAll(() => server.resetHandlers());

  it('answers on the default base URL with real tk_ keys for each client and the admin', () => {
    expect(hub.baseUrl).toBe(DEFAULT_BASE_URL);
    expect(hub.keys['ciamis/dinkes/simpus']).toMatch(API_KEY_PATTERN);
    expect(hub.keys['ciamis/bappeda/satudata']).toMatch(API_KEY_PATTERN);
    expect(hub.keys['ciamis/dinkes/simpus']).not.toBe(hub.keys['ciamis/bappeda/satudata']);
    expect(hub.adminKey).toMatch(API_KEY_PATTERN);
    expect(hub.adminClientId).toBe('kominfo/admin');
    expect(Object.isFrozen(hub.keys)).toBe(true);
  });

  it('knows each client by its key, with its grants, name and OPD', async () => {
    const simpus = clientOf(hub, hub.keys['ciamis/dinkes/simpus']);
    const me = await simpus.unwrap(simpus.GET('/v1/meta/whoami'));
    expect(me).toMatchObject({
      clientId: 'ciamis/dinkes/simpus',
      role: 'client',
      name: 'ciamis/dinkes/simpus',
    });
    expect(me.grants).toEqual([
      expect.objectContaining({ datasetId: 'dinkes.puskesmas', access: ['read', 'write'] }),
    ]);

    const admin = clientOf(hub, hub.adminKey);
    const satudata = await admin.unwrap(
      admin.GET('/v1/clients/{clientId}', { params: { path: { clientId: 'ciamis/bappeda/satudata' } } }),
    );
    expect(satudata).toMatchObject({ name: 'Satu Data Ciamis', opd: 'bappeda', role: 'client' });
  });

  it('publishes each contract as agreed and creates its dataset pinned to it, with the seeded records', async () => {
    const admin = clientOf(hub, hub.adminKey);
    const datasets = await admin.unwrap(admin.GET('/v1/datasets'));
    expect(datasets.items.map((d) => [d.id, d.contractVersion, d.recordCount, d.lastSeq])).toEqual([
      ['dinkes.puskesmas', '1.0.0', 12, 12],
      ['diskumdag.umkm', '1.0.0', 0, 0],
    ]);
    const contract = await admin.unwrap(
      admin.GET('/v1/contracts/{contractId}', { params: { path: { contractId: 'dinkes.puskesmas' } } }),
    );
    expect(contract.status).toBe('agreed');
    const keys: string[] = [];
    for await (const stored of admin.listRecords('dinkes.puskesmas')) keys.push(stored.key);
    expect(keys).toEqual(puskesmas(12).map((r) => r.kode_puskesmas));
  });

  it('lets tests assert on the store: what a push wrote, and the audit trail of the seeding', async () => {
    const simpus = clientOf(hub, hub.keys['ciamis/dinkes/simpus']);
    const [first] = puskesmas(1);
    await simpus.pushRecords('dinkes.puskesmas', [{ ...first, nama: 'Puskesmas Ciamis' }]);
    const stored = await hub.store.getRecord('dinkes.puskesmas', String(first?.kode_puskesmas));
    expect(JSON.parse(stored?.json ?? '{}')).toMatchObject({ nama: 'Puskesmas Ciamis' });
    expect((await hub.store.getDataset('dinkes.puskesmas'))?.lastSeq).toBe(13);

    // Seeding went through the hub's API as the admin: it is in the (intact) audit log.
    const audit = await hub.store.listAudit(0, 1000);
    const seeding = audit.filter((row) => row.clientId === 'kominfo/admin');
    expect(seeding.map((row) => `${row.method} ${row.path} ${row.status}`)).toEqual(
      expect.arrayContaining([
        'PUT /v1/contracts/dinkes.puskesmas/versions/1.0.0 201',
        'PUT /v1/datasets/dinkes.puskesmas 201',
        'POST /v1/clients 201',
        'PUT /v1/clients/ciamis%2Fdinkes%2Fsimpus/grants/dinkes.puskesmas 200',
        'POST /v1/datasets/dinkes.puskesmas/records 200',
      ]),
    );
    expect(await verifyStoredAudit(hub.store)).toMatchObject({ ok: true });
  });

  it('answers like the hub: 403 without a grant, 401 with an unknown key, 404 for an unknown dataset', async () => {
    const satudata = clientOf(hub, hub.keys['ciamis/bappeda/satudata']);
    const refused = await satudata.pushRecords('dinkes.puskesmas', puskesmas(1)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HubError);
    expect(refused).toMatchObject({ status: 403, code: 'forbidden' });

    const stranger = clientOf(hub, `tk_${'A'.repeat(43)}`);
    const unknown = await stranger.unwrap(stranger.GET('/v1/meta/whoami')).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(HubError);
    expect(unknown).toMatchObject({ status: 401, code: 'unauthorized' });

    const admin = clientOf(hub, hub.adminKey);
    const missing = await admin
      .unwrap(admin.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.tidak-ada' } } }))
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('answers every request under its base URL, only there', async () => {
    const other = await fetch('http://hub.mock/dashboard', {
      headers: { authorization: `Bearer ${hub.adminKey}` },
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('content-type')).toMatch(/text\/html/);
    await expect(fetch('http://elsewhere.mock/v1/health')).rejects.toThrow();
  });
});

describe('mockHub options', () => {
  it('with no options is an empty hub with an admin', async () => {
    const hub = await mockHub();
    server.use(...hub.handlers);
    const admin = clientOf(hub, hub.adminKey);
    expect(await admin.unwrap(admin.GET('/v1/datasets'))).toMatchObject({ items: [] });
    expect(hub.keys).toEqual({});
  });

  it('serves a base URL with a path prefix, as a hub behind a reverse proxy', async () => {
    const hub = await mockHub({
      baseUrl: 'https://satudata.ciamiskab.example.go.id/hub/',
      contracts: [await exampleContract('dinkes.puskesmas')],
      clients: { 'ciamis/dinkes/simpus': { grants: { 'dinkes.puskesmas': ['write'] } } },
    });
    expect(hub.baseUrl).toBe('https://satudata.ciamiskab.example.go.id/hub');
    server.use(...hub.handlers);
    const simpus = clientOf(hub, hub.keys['ciamis/dinkes/simpus']);
    expect(await simpus.pushRecords('dinkes.puskesmas', puskesmas(3))).toMatchObject({ created: 3, seq: 3 });
    const audit = await hub.store.listAudit(0, 1000, { clientId: 'ciamis/dinkes/simpus' });
    expect(audit.map((row) => row.path)).toEqual(['/v1/datasets/dinkes.puskesmas/records']);
  });

  it('uses the admin key given, the clock given, and keeps the hub rate limit when asked', async () => {
    const adminKey = `tk_${'m'.repeat(43)}`;
    const at = new Date('2025-03-10T08:00:00.000Z');
    const hub = await mockHub({
      adminKey,
      now: () => at,
      rateLimit: { requestsPerSecond: 1, burst: 2 },
      contracts: [await exampleContract('dinkes.puskesmas')],
    });
    server.use(...hub.handlers);
    expect(hub.adminKey).toBe(adminKey);
    expect((await hub.store.getDataset('dinkes.puskesmas'))?.createdAt).toBe(at.toISOString());
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await fetch(`${hub.baseUrl}/v1/meta/whoami`, {
        headers: { authorization: `Bearer ${adminKey}` },
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('publishes several versions of a contract in version order and pins the dataset to the newest', async () => {
    const v1 = await exampleContract('dinkes.puskesmas');
    const v11 = {
      ...v1,
      version: '1.1.0',
      schema: {
        ...v1.schema,
        properties: { ...(v1.schema.properties as object), akreditasi: { type: 'string', maxLength: 20 } },
      },
    };
    const hub = await mockHub({ contracts: [v11, v1], records: { 'dinkes.puskesmas': puskesmas(2) } });
    const versions = await hub.store.listContractVersions('dinkes.puskesmas');
    expect(versions.map((v) => [v.version, v.status]).sort()).toEqual([
      ['1.0.0', 'agreed'],
      ['1.1.0', 'agreed'],
    ]);
    expect((await hub.store.getDataset('dinkes.puskesmas'))?.contractVersion).toBe('1.1.0');
  });

  it('publishes a draft as agreed and moves a deprecated document to deprecated after its dataset exists', async () => {
    const umkm = await exampleContract('diskumdag.umkm');
    const puskesmasDoc = await exampleContract('dinkes.puskesmas');
    const hub = await mockHub({
      contracts: [
        { ...umkm, status: 'draft' },
        { ...puskesmasDoc, status: 'deprecated' },
      ],
    });
    expect((await hub.store.getContractVersion('diskumdag.umkm', '1.0.0'))?.status).toBe('agreed');
    expect((await hub.store.getContractVersion('dinkes.puskesmas', '1.0.0'))?.status).toBe('deprecated');
    expect((await hub.store.getDataset('dinkes.puskesmas'))?.contractVersion).toBe('1.0.0');
  });

  it('seeds more records than one batch holds', async () => {
    const hub = await mockHub({
      contracts: [await exampleContract('dinkes.puskesmas')],
      records: { 'dinkes.puskesmas': puskesmas(5001) },
    });
    expect(await hub.store.getDataset('dinkes.puskesmas')).toMatchObject({
      recordCount: 5001,
      lastSeq: 5001,
    });
  });

  it('builds independent hubs: state in one is not in another', async () => {
    const contract = await exampleContract('dinkes.puskesmas');
    const a = await mockHub({ contracts: [contract], records: { 'dinkes.puskesmas': puskesmas(2) } });
    const b = await mockHub({ contracts: [contract] });
    expect((await a.store.getDataset('dinkes.puskesmas'))?.recordCount).toBe(2);
    expect((await b.store.getDataset('dinkes.puskesmas'))?.recordCount).toBe(0);
    expect(a.adminKey).not.toBe(b.adminKey);
  });
});

describe('types', () => {
  it('types the keys by the client ids given, so a typo in an id does not compile', async () => {
    const hub = await mockHub({ clients: { 'ciamis/dinkes/simpus': {}, 'ciamis/bappeda/satudata': {} } });
    expectTypeOf(hub.keys).toEqualTypeOf<
      Readonly<Record<'ciamis/dinkes/simpus' | 'ciamis/bappeda/satudata', string>>
    >();
    expectTypeOf(hub.keys['ciamis/dinkes/simpus']).toEqualTypeOf<string>();
    // @ts-expect-error — no client "ciamis/dinks/simpus" was seeded
    expect(hub.keys['ciamis/dinks/simpus']).toBeUndefined();
    const simpus: MockClient = {
      // @ts-expect-error — a grant is 'read' or 'write'
      grants: { 'dinkes.puskesmas': ['admin'] },
    };
    expect(simpus.grants).toBeDefined();
  });
});
