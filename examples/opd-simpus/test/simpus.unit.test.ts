// Unit tests of SIMPUS against @tukar/mock: the real hub core on a memory store, behind msw.
import { createHubClient, PushRecordsError } from '@tukar/client';
import { mockHub } from '@tukar/mock';
import type { Schemas } from '@tukar/spec';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Datasets,
  followChanges,
  memoryPosition,
  PUSKESMAS_DATASET,
  SIMPUS_ROWS,
  sendPuskesmas,
} from '../src/index';
import { puskesmasContract } from './contract';

const contract = JSON.parse(JSON.stringify(await puskesmasContract())) as Schemas['ContractDocument'];
const hub = await mockHub({
  contracts: [contract],
  clients: { 'ciamis/dinkes/simpus': { grants: { [PUSKESMAS_DATASET]: ['read', 'write'] } } },
});
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
    expect((await hub.store.getDataset(PUSKESMAS_DATASET))?.recordCount).toBe(3);
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
    const stored = await simpus.unwrap(
      simpus.GET('/v1/datasets/{datasetId}/records/{key}', {
        params: { path: { datasetId: PUSKESMAS_DATASET, key: 'P3207010102' } },
      }),
    );
    expect(stored.record).toMatchObject({ kode_wilayah: '32.07.01.2008' });
  });
});
