// verify-hub against a hub that already serves real OPD systems: it must not change their data.
import { join } from 'node:path';
import { provisionHub } from '@tukar/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../hub/src/index';
import { openSqliteStore } from '../../hub/src/sqlite-store';
import { exampleContract, puskesmasRecords, startHub, type TestHub } from '../../hub/test/hub-fixture';
import { HUB_STATES, PACT_EXAMPLE_API_KEY, PactError, verifyHub } from '../src/index';
import { contractsDir, tempDir } from './helpers';

const AUTH = { Authorization: `Bearer ${PACT_EXAMPLE_API_KEY}` };
const SIMPUS = 'ciamis/dinkes/simpus';
const DATASET = 'dinkes.puskesmas';

/** Everything the hub stores about clients, keys, grants, contracts, datasets and records. */
async function snapshot(store: Store, adminClientId: string) {
  const clients = await store.listClients();
  const keys: Record<string, unknown> = {};
  const grants: Record<string, unknown> = {};
  for (const client of clients) {
    const rows = await store.listApiKeys(client.id);
    // The admin key is used by the verification itself: only its last use may move.
    keys[client.id] = client.id === adminClientId ? rows.map(({ lastUsedAt: _, ...row }) => row) : rows;
    grants[client.id] = await store.listGrants(client.id);
  }
  const datasets = await store.listDatasets();
  const records: Record<string, unknown> = {};
  const changes: Record<string, unknown> = {};
  const contracts: Record<string, unknown> = {};
  for (const dataset of datasets) {
    records[dataset.id] = await store.listRecords(dataset.id, { limit: 1000 });
    changes[dataset.id] = await store.listChanges(dataset.id, 0, 1000);
    contracts[dataset.id] = await store.listContractVersions(dataset.id);
  }
  return { clients, keys, grants, datasets, records, changes, contracts };
}

/** The same snapshot, of the ids that existed before. */
function only(ids: Set<string>, taken: Awaited<ReturnType<typeof snapshot>>) {
  const pick = (map: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(map).filter(([id]) => ids.has(id)));
  return {
    clients: taken.clients.filter((c) => ids.has(c.id)),
    keys: pick(taken.keys),
    grants: pick(taken.grants),
    datasets: taken.datasets.filter((d) => ids.has(d.id)),
    records: pick(taken.records),
    changes: pick(taken.changes),
    contracts: pick(taken.contracts),
  };
}

function pact(interactions: unknown[]) {
  return {
    consumer: { name: 'ciamis-dinkes-simpus' },
    provider: { name: 'tukar-hub' },
    interactions,
    metadata: { pactSpecification: { version: '3.0.0' } },
  };
}

/** Interactions whose states, run on the real names, would narrow SIMPUS's grant and change its records. */
const interactions = [
  {
    description: 'a record of the dataset, as the state pushed it',
    providerStates: [
      {
        name: HUB_STATES.datasetHasRecords,
        params: {
          datasetId: DATASET,
          records: puskesmasRecords(2).map((r) => ({ ...r, nama: 'Puskesmas Pact' })),
        },
      },
      { name: HUB_STATES.clientHasGrant, params: { clientId: SIMPUS, datasetId: DATASET, access: ['read'] } },
    ],
    request: { method: 'GET', path: '/v1/datasets/dinkes.puskesmas/records/P3207000000', headers: AUTH },
    response: { status: 200 },
  },
  {
    description: 'a record the state removed',
    providerStates: [
      { name: HUB_STATES.recordAbsent, params: { datasetId: DATASET, key: 'P3207000001' } },
      { name: HUB_STATES.clientHasGrant, params: { clientId: SIMPUS, datasetId: DATASET, access: ['read'] } },
    ],
    request: { method: 'GET', path: '/v1/datasets/dinkes.puskesmas/records/P3207000001', headers: AUTH },
    response: { status: 404, body: { code: 'not_found' } },
  },
  {
    description: 'a delete by a read-only client',
    providerStates: [
      { name: HUB_STATES.clientHasGrant, params: { clientId: SIMPUS, datasetId: DATASET, access: ['read'] } },
    ],
    request: { method: 'DELETE', path: '/v1/datasets/dinkes.puskesmas/records/P3207000002', headers: AUTH },
    response: { status: 403, body: { code: 'forbidden' } },
  },
  {
    description: 'a push by a writer',
    providerStates: [
      { name: HUB_STATES.datasetExists, params: { datasetId: DATASET } },
      {
        name: HUB_STATES.clientHasGrant,
        params: { clientId: SIMPUS, datasetId: DATASET, access: ['write'] },
      },
    ],
    request: {
      method: 'POST',
      path: '/v1/datasets/dinkes.puskesmas/records',
      headers: { ...AUTH, 'Content-Type': 'application/json', 'Idempotency-Key': 'simpus-pact-0001' },
      body: { upsert: puskesmasRecords(1, 7).map((r) => ({ ...r, nama: 'Puskesmas Pact' })) },
    },
    response: { status: 200, body: { created: 1 } },
  },
  {
    description: 'who am I, under the name the pact uses',
    providerStates: [
      { name: HUB_STATES.clientHasGrant, params: { clientId: SIMPUS, datasetId: DATASET, access: ['read'] } },
    ],
    request: { method: 'GET', path: '/v1/meta/whoami', headers: AUTH },
    response: { status: 200, body: { clientId: SIMPUS, grants: [{ datasetId: DATASET, access: ['read'] }] } },
  },
];

describe('verifyHub on a hub that serves real OPD systems (SQLite)', () => {
  let hub: TestHub;
  let store: Store;
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('isolation'));
    store = await openSqliteStore({ file: join(dir, 'hub.db') });
    hub = await startHub({ store });
    const contract = await exampleContract(DATASET);
    const { keys } = await provisionHub(hub.admin, {
      contracts: [{ ...contract, status: 'agreed' }],
      datasets: [{ id: DATASET, contractVersion: contract.version }],
      clients: [{ id: SIMPUS, name: 'SIMPUS Dinas Kesehatan', keyLabel: 'simpus-produksi' }],
      grants: [{ clientId: SIMPUS, datasetId: DATASET, access: ['read', 'write'] }],
    });
    expect(keys[SIMPUS]?.apiKey).toMatch(/^tk_/);
    await hub.admin.pushRecords(DATASET, puskesmasRecords(5));
  });
  afterAll(async () => {
    await hub.close();
    await store.close();
    await cleanup();
  });

  it('is refused with hub_not_disposable unless allowed, and then leaves every real client, key, grant and record as it was', async () => {
    const adminClientId = hub.running.hub.adminClientId;
    const before = await snapshot(store, adminClientId);
    const ids = new Set([...before.clients.map((c) => c.id), ...before.datasets.map((d) => d.id)]);
    const options = {
      hubUrl: hub.url,
      adminKey: hub.adminKey,
      contracts: [contractsDir],
      resultsDir: false as const,
    };

    const refused = await verifyHub({ ...options, pacts: [pact(interactions)] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PactError);
    expect(refused).toMatchObject({ code: 'hub_not_disposable' });
    expect((refused as Error).message).toMatch(/runs on a sqlite store and does not say it is disposable/);
    expect((refused as Error).message).toContain('--allow-non-disposable-hub');

    const report = await verifyHub({ ...options, pacts: [pact(interactions)], allowNonDisposableHub: true });
    expect(report.summary).toBe(`✔ tukar-hub at ${hub.url}: 5 interactions verified`);
    expect(report.ok).toBe(true);

    const after = await snapshot(store, adminClientId);
    expect(only(ids, after)).toEqual(only(ids, before));
    // What the run made lives under its own ids, and none of its keys can be used any more.
    const made = after.clients.filter((c) => !ids.has(c.id));
    expect(made.length).toBeGreaterThan(0);
    for (const client of made) expect(client.id).toMatch(/^pact-[a-z0-9]{8}-\d+-/);
    expect(after.datasets.filter((d) => !ids.has(d.id)).map((d) => d.id)).toEqual([
      expect.stringMatching(/^pact-[a-z0-9]{8}\.dinkes\.puskesmas$/),
    ]);
    const usable = Object.entries(after.keys).flatMap(([clientId, rows]) =>
      (rows as Array<{ keyId: string; revokedAt: string | null }>)
        .filter((row) => row.revokedAt === null)
        .map((row) => `${clientId} ${row.keyId}`),
    );
    const usableBefore = Object.entries(before.keys).flatMap(([clientId, rows]) =>
      (rows as Array<{ keyId: string; revokedAt: string | null }>)
        .filter((row) => row.revokedAt === null)
        .map((row) => `${clientId} ${row.keyId}`),
    );
    expect(usable).toEqual(usableBefore);
  });

  it('revokes its keys when the verification fails too', async () => {
    const failing = [{ ...interactions[2], response: { status: 204 } }];
    const before = await store.listClients();
    const report = await verifyHub({
      hubUrl: hub.url,
      adminKey: hub.adminKey,
      pacts: [pact(failing)],
      contracts: [contractsDir],
      resultsDir: false,
      allowNonDisposableHub: true,
    });
    expect(report.ok).toBe(false);
    const made = (await store.listClients()).filter((c) => !before.some((b) => b.id === c.id));
    expect(made.length).toBeGreaterThan(0);
    for (const client of made) {
      const keys = await store.listApiKeys(client.id);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((key) => key.revokedAt !== null)).toBe(true);
      // Had the run died before revoking them, they would still stop working soon.
      expect(keys.every((key) => key.expiresAt !== null && Date.parse(key.expiresAt) > Date.now())).toBe(
        true,
      );
    }
  });
});
