// Unit tests of SIMPUS against @tukar/mock: the real hub core on a memory store, behind msw, typed by
// the record types `tukar types` generated (mockHub<Datasets>: its seed and what it reads back).
import { createHubClient, HubError, PushRecordsError } from '@tukar/client';
import { type MockClient, mockHub } from '@tukar/mock';
import type { Schemas } from '@tukar/spec';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Datasets,
  followChanges,
  memoryPosition,
  PUSKESMAS_DATASET,
  removePuskesmas,
  SIMPUS_ROWS,
  sendPuskesmas,
  toPuskesmasRecord,
} from '../src/index';
import { puskesmasContract } from './contract';

const contract = JSON.parse(JSON.stringify(await puskesmasContract())) as Schemas['ContractDocument'];
const clients = {
  'ciamis/dinkes/simpus': { grants: { [PUSKESMAS_DATASET]: ['read', 'write'] } },
} as const satisfies Record<string, MockClient>;
// `typeof clients` keeps hub.keys typed by client id next to the explicit Datasets.
const hub = await mockHub<Datasets, typeof clients>({ contracts: [contract], clients });
const server = setupServer(...hub.handlers);
const simpus = createHubClient<Datasets>({
  baseUrl: hub.baseUrl,
  apiKey: hub.keys['ciamis/dinkes/simpus'],
  retry: false,
});

describe('examples/opd-simpus with @tukar/mock', () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('sends the puskesmas rows as dinkes.puskesmas records', async () => {
    const result = await sendPuskesmas(simpus, SIMPUS_ROWS);
    expect(result).toMatchObject({ created: 3, batches: 1 });
    const stored = await hub.records(PUSKESMAS_DATASET); // typed: DinkesPuskesmasRecord
    expect(stored.map((row) => row.record)).toEqual(SIMPUS_ROWS.map(toPuskesmasRecord));
    expect(stored.map((row) => row.record.jenis)).toEqual(['rawat inap', 'non rawat inap', 'rawat inap']);
    // Sending the same rows again changes nothing.
    await expect(sendPuskesmas(simpus, SIMPUS_ROWS)).resolves.toMatchObject({ created: 0, unchanged: 3 });
  });

  it('follows the changes feed and resumes where it stopped', async () => {
    const position = memoryPosition();
    const mirror = new Map<string, unknown>();
    const apply = (change: { key: string; op: string; record?: unknown }) => {
      if (change.op === 'delete') mirror.delete(change.key);
      else mirror.set(change.key, change.record);
    };
    expect(await followChanges(simpus, position, apply)).toBe(3);
    expect(mirror.get('P3207010101')).toMatchObject({ nama: 'Puskesmas Ciamis', jenis: 'rawat inap' });
    expect(await followChanges(simpus, position, apply)).toBe(0);
    await sendPuskesmas(simpus, [{ ...SIMPUS_ROWS[0]!, tenagaKesehatan: 70 }]);
    expect(await followChanges(simpus, position, apply)).toBe(1);
    expect(mirror.get('P3207010101')).toMatchObject({ jumlah_tenaga_kesehatan: 70 });
  });

  it('gets a refusal naming the record and field when a row breaks the contract', async () => {
    const before = (await hub.store.getDataset(PUSKESMAS_DATASET))?.lastSeq;
    const bad = { ...SIMPUS_ROWS[1]!, desa: '32.07.01.9999' as const }; // the shape of a desa code, not in the list
    const error = await sendPuskesmas(simpus, [SIMPUS_ROWS[0]!, bad]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PushRecordsError);
    const refused = error as PushRecordsError;
    expect(refused.code).toBe('validation_failed');
    expect(refused.status).toBeUndefined(); // refused by the generated validators, before sending
    expect(refused.errors[0]).toMatchObject({ index: 1, path: '/kode_wilayah', code: 'format' });
    // All or nothing: the valid row of the refused batch was not written either.
    expect((await hub.store.getDataset(PUSKESMAS_DATASET))?.lastSeq).toBe(before);
    const stored = await simpus.getRecord(PUSKESMAS_DATASET, { kode_puskesmas: 'P3207010102' });
    expect(stored.record.kode_wilayah).toBe('32.07.01.2008');
  });

  it('removes a closed puskesmas: a tombstone in the feed, and getRecord no longer finds it', async () => {
    const before = (await hub.changes(PUSKESMAS_DATASET)).at(-1)?.seq ?? 0;
    await expect(removePuskesmas(simpus, ['P3207090201'])).resolves.toMatchObject({ deleted: 1 });
    expect(await hub.changes(PUSKESMAS_DATASET, before)).toEqual([
      expect.objectContaining({ op: 'delete', key: 'P3207090201' }),
    ]);
    expect(await hub.record(PUSKESMAS_DATASET, { kode_puskesmas: 'P3207090201' })).toBeUndefined();
    const gone = await simpus.getRecord(PUSKESMAS_DATASET, { kode_puskesmas: 'P3207090201' }).catch((e) => e);
    expect(gone).toBeInstanceOf(HubError);
    expect(gone).toMatchObject({ code: 'not_found', status: 404 });
  });
});

describe('examples/opd-simpus against a hub seeded with typed records', () => {
  it('sends only what changed since the hub was seeded', async () => {
    // The seed has the record type of the contract: a wrong field or type here would not compile.
    const seeded = await mockHub<Datasets, typeof clients>({
      contracts: [contract],
      clients,
      records: { [PUSKESMAS_DATASET]: [toPuskesmasRecord(SIMPUS_ROWS[0]!)] },
    });
    const server2 = setupServer(...seeded.handlers);
    server2.listen({ onUnhandledRequest: 'error' });
    try {
      const client = createHubClient<Datasets>({
        baseUrl: seeded.baseUrl,
        apiKey: seeded.keys['ciamis/dinkes/simpus'],
        retry: false,
      });
      await expect(sendPuskesmas(client, SIMPUS_ROWS)).resolves.toMatchObject({ created: 2, unchanged: 1 });
      expect(await seeded.records(PUSKESMAS_DATASET)).toHaveLength(3);
    } finally {
      server2.close();
    }
  });
});
