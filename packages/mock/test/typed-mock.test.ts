// mockHub<Datasets>(…): seed records and the reads back (records, record, changes) typed by dataset id
// with the `Datasets` map `tukar types` writes for the five kabupaten contracts; the typed client pushes
// and deletes through msw, the reads see it. The `@ts-expect-error` lines are checked by `pnpm typecheck`.
import { createHubClient, type TypedChange, type TypedStoredRecord } from '@tukar/client';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  type BpkadRealisasiApbdRecord,
  type Datasets,
  type DinkesPuskesmasRecord,
  type DisdikSekolahRecord,
  primaryKeys,
} from '../../contracts/test/fixtures/kabupaten-types.generated';
import { type MockHub, MockHubError, type MockSeedRecords, mockHub } from '../src/index';
import { exampleContract, puskesmas } from './fixture';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const seed = puskesmas(3) as DinkesPuskesmasRecord[];
let apbd: BpkadRealisasiApbdRecord[];
let hub: MockHub<string, Datasets>;

beforeAll(async () => {
  const bpkad = await exampleContract('bpkad.realisasi-apbd');
  apbd = (bpkad.examples ?? []) as BpkadRealisasiApbdRecord[];
  hub = await mockHub<Datasets>({
    contracts: [await exampleContract('dinkes.puskesmas'), bpkad],
    clients: {
      'ciamis/dinkes/simpus': { grants: { 'dinkes.puskesmas': ['read', 'write'] } },
    },
    records: { 'dinkes.puskesmas': seed, 'bpkad.realisasi-apbd': apbd },
  });
  server.resetHandlers(...hub.handlers);
});

describe('mockHub<Datasets>', () => {
  it('reads the seeded records back, parsed and typed', async () => {
    const rows = await hub.records('dinkes.puskesmas');
    expectTypeOf(rows).toEqualTypeOf<TypedStoredRecord<DinkesPuskesmasRecord>[]>();
    expect(rows.map((row) => row.record)).toEqual(seed);
    expect(rows.map((row) => row.key)).toEqual(seed.map((r) => r.kode_puskesmas));

    const first = apbd[0] as BpkadRealisasiApbdRecord;
    const { bulan, kode_opd, tahun_anggaran } = first;
    const one = await hub.record('bpkad.realisasi-apbd', { kode_opd, bulan, tahun_anggaran });
    expectTypeOf(one).toEqualTypeOf<TypedStoredRecord<BpkadRealisasiApbdRecord> | undefined>();
    expect(one?.record).toEqual(first);
    expect(
      await hub.record('bpkad.realisasi-apbd', { kode_opd, bulan, tahun_anggaran: 2099 }),
    ).toBeUndefined();
  });

  it('sees what the typed client pushed and deleted, in the changes feed', async () => {
    const apiKey = hub.keys['ciamis/dinkes/simpus'] ?? '';
    const client = createHubClient<Datasets>({ baseUrl: hub.baseUrl, apiKey, retry: false, primaryKeys });
    const before = (await hub.changes('dinkes.puskesmas')).at(-1)?.seq ?? 0;
    const added = puskesmas(1, 40) as DinkesPuskesmasRecord[];
    await client.dataset('dinkes.puskesmas').pushRecords(added);
    const deleted = { kode_puskesmas: seed[0]?.kode_puskesmas ?? '' };
    await client.deleteRecords('dinkes.puskesmas', [deleted]);

    const changes = await hub.changes('dinkes.puskesmas', before);
    expectTypeOf(changes).toEqualTypeOf<TypedChange<DinkesPuskesmasRecord>[]>();
    expect(changes.map((c) => [c.op, c.key, c.record?.nama])).toEqual([
      ['upsert', added[0]?.kode_puskesmas, added[0]?.nama],
      ['delete', deleted.kode_puskesmas, undefined],
    ]);
    expect(await hub.record('dinkes.puskesmas', deleted)).toBeUndefined();
    expect(
      (await hub.record('dinkes.puskesmas', { kode_puskesmas: added[0]?.kode_puskesmas ?? '' }))?.record,
    ).toEqual(added[0]);
  });

  it('names an unknown dataset and a key without its fields', async () => {
    const untyped = hub as unknown as MockHub;
    const unknown = await untyped.records('dinkes.tidak-ada').catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(MockHubError);
    expect(unknown).toMatchObject({ code: 'unknown_dataset', where: 'datasetId' });
    await expect(untyped.records('dinkes.tidak-ada')).rejects.toThrow(/datasetId: .*"dinkes\.tidak-ada"/);
    await expect(untyped.record('bpkad.realisasi-apbd', { bulan: 3 })).rejects.toMatchObject({
      code: 'invalid_option',
      where: 'key',
      message: expect.stringMatching(/tahun_anggaran/),
    });
  });

  it('types the seed by dataset id: a wrong field, type or dataset does not compile', () => {
    const ok = seed[0] as DinkesPuskesmasRecord;
    const never = async () => {
      await mockHub<Datasets>({
        // @ts-expect-error a field the contract does not define
        records: { 'dinkes.puskesmas': [{ ...ok, nama_puskesmas: 'x' }] },
      });
      await mockHub<Datasets>({
        // @ts-expect-error a number as text
        records: { 'dinkes.puskesmas': [{ ...ok, jumlah_tenaga_kesehatan: '12' }] },
      });
      await mockHub<Datasets>({
        // @ts-expect-error a dataset not in the map
        records: { 'dinkes.tidak-ada': [ok] },
      });
      const sekolah: DisdikSekolahRecord = {
        npsn: '20211034',
        nama: 'SD Negeri 1 Ciamis',
        jenjang: 'SD',
        status: 'negeri',
        kode_wilayah: '32.07.01',
        alamat: 'Jl. Ahmad Yani 1',
      };
      // @ts-expect-error a sekolah record where puskesmas belong
      const wrong: MockSeedRecords<Datasets> = { 'dinkes.puskesmas': [sekolah] };
      void wrong;
      // @ts-expect-error the key of the dataset is kode_puskesmas
      await hub.record('dinkes.puskesmas', { npsn: '20211034' });
      // @ts-expect-error a dataset not in the map
      await hub.records('dinkes.tidak-ada');
    };
    expect(never).toBeTypeOf('function');
  });

  it('without the map, the seed and the reads are plain objects as before', async () => {
    const plain = await mockHub({
      contracts: [await exampleContract('dinkes.puskesmas')],
      records: { 'dinkes.puskesmas': seed },
    });
    expectTypeOf(plain).toEqualTypeOf<MockHub<string>>();
    const rows = await plain.records('dinkes.puskesmas');
    expectTypeOf(rows[0]?.record).toEqualTypeOf<Record<string, unknown> | undefined>();
    expect(rows).toHaveLength(3);
  });
});
