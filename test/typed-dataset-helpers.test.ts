// getRecord, deleteRecords and the dataset handle, typed by the `Datasets` map `tukar types` writes for
// the five kabupaten contracts (packages/contracts/test/fixtures/kabupaten-types.generated.ts), against
// the real hub on a loopback port: the requests they send, and the typed data they return. The
// `@ts-expect-error` lines are checked by `pnpm typecheck`.
import {
  createHubClient,
  type DatasetHandle,
  type FetchLike,
  type HubClient,
  HubError,
  type TypedChange,
  type TypedStoredRecord,
} from '@tukar/client';
import type { StoredRecord } from '@tukar/spec';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  type BpkadRealisasiApbdKey,
  type BpkadRealisasiApbdRecord,
  type Datasets,
  type DinkesPuskesmasKey,
  type DinkesPuskesmasRecord,
  type DisdikSekolahKey,
  type DisdikSekolahRecord,
  type DisdukcapilPendudukDesaKey,
  type DisdukcapilPendudukDesaRecord,
  type DiskumdagUmkmKey,
  type DiskumdagUmkmRecord,
  primaryKeys,
} from '../packages/contracts/test/fixtures/kabupaten-types.generated';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  startHub,
  type TestHub,
} from '../packages/hub/test/hub-fixture';

/** What the client sent: method, path as it went on the wire (still percent-encoded) and body. */
interface Sent {
  method: string;
  path: string;
  body: string;
}

let hub: TestHub;
let apiKey: string;
let sent: Sent[] = [];
const recording: FetchLike = async (request) => {
  const body = request.body === null ? '' : await request.clone().text();
  sent.push({ method: request.method, path: new URL(request.url).pathname, body });
  return fetch(request);
};
let typed: HubClient<Datasets>;

const puskesmas = (n: number, offset = 0) => puskesmasRecords(n, offset) as DinkesPuskesmasRecord[];
const datasetIds = ['dinkes.puskesmas', 'bpkad.realisasi-apbd', 'uji.kunci'];

beforeAll(async () => {
  hub = await startHub();
  await publishDataset(hub.admin, await exampleContract('dinkes.puskesmas'));
  await publishDataset(hub.admin, await exampleContract('bpkad.realisasi-apbd'));
  // A key of two free-text fields, to see the key's encoding through the hub.
  const kunci = await exampleContract('dinkes.puskesmas');
  Object.assign(kunci, { contract: 'uji.kunci', primaryKey: ['nama', 'jenis'] });
  await publishDataset(hub.admin, kunci);
  const grants = Object.fromEntries(
    datasetIds.map((id) => [id, ['read', 'write'] as Array<'read' | 'write'>]),
  );
  apiKey = (await registerClient(hub, 'ciamis/dinkes/simpus', grants)).apiKey;
  typed = createHubClient<Datasets>({
    baseUrl: hub.url,
    apiKey,
    retry: false,
    fetch: recording,
    primaryKeys,
  });
});
afterAll(() => hub.close());

describe('getRecord', () => {
  it('asks for the record by its key and returns it with the dataset type', async () => {
    const [first, second] = puskesmas(2);
    if (!first || !second) throw new Error('two records');
    await typed.pushRecords('dinkes.puskesmas', [first, second]);
    sent = [];
    const row = await typed.getRecord('dinkes.puskesmas', { kode_puskesmas: second.kode_puskesmas });
    expectTypeOf(row).toEqualTypeOf<TypedStoredRecord<DinkesPuskesmasRecord>>();
    expectTypeOf(row.record.koordinat.lat).toEqualTypeOf<number>();
    expect(row.record).toEqual(second);
    expect(row.key).toBe(second.kode_puskesmas);
    expect(sent).toEqual([
      { method: 'GET', path: `/v1/datasets/dinkes.puskesmas/records/${second.kode_puskesmas}`, body: '' },
    ]);
  });

  it('builds a key of several fields in the contract order, whatever the order of the object', async () => {
    const contract = await exampleContract('bpkad.realisasi-apbd');
    const examples = (contract.examples ?? []) as BpkadRealisasiApbdRecord[];
    expect(examples.length).toBeGreaterThan(0);
    await typed.pushRecords('bpkad.realisasi-apbd', examples);
    const example = examples[0] as BpkadRealisasiApbdRecord;
    sent = [];
    const key = { kode_opd: example.kode_opd, bulan: example.bulan, tahun_anggaran: example.tahun_anggaran };
    const row = await typed.getRecord('bpkad.realisasi-apbd', key);
    expect(row.record).toEqual(example);
    expect(row.key).toBe(`${example.tahun_anggaran},${example.bulan},${example.kode_opd}`);
    expect(sent.map((s) => s.path)).toEqual([
      `/v1/datasets/bpkad.realisasi-apbd/records/${encodeURIComponent(row.key)}`,
    ]);
  });

  it('encodes each key value, so commas, slashes, spaces and % reach the hub intact', async () => {
    const untyped = createHubClient({
      baseUrl: hub.url,
      apiKey,
      primaryKeys: { 'uji.kunci': ['nama', 'jenis'] },
    });
    const record = { ...puskesmas(1, 50)[0], nama: 'Pustu A, B/C 100% ok' };
    await untyped.pushRecords('uji.kunci', [record]);
    const row = await untyped.getRecord('uji.kunci', { jenis: record.jenis, nama: record.nama });
    expect(row.record).toEqual(record);
    expect(row.key).toBe(`${encodeURIComponent(record.nama)},${encodeURIComponent(String(record.jenis))}`);
  });

  it('throws not_found (404) for a key the dataset does not have', async () => {
    const missing = await typed
      .getRecord('dinkes.puskesmas', { kode_puskesmas: 'P3207999999' })
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(HubError);
    expect(missing).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('without primaryKeys, takes the key fields in the order written', async () => {
    const plain = createHubClient<Datasets>({ baseUrl: hub.url, apiKey, fetch: recording });
    const example = (await exampleContract('bpkad.realisasi-apbd')).examples?.[0] as BpkadRealisasiApbdRecord;
    const { tahun_anggaran, bulan, kode_opd } = example;
    const found = await plain.getRecord('bpkad.realisasi-apbd', { tahun_anggaran, bulan, kode_opd });
    expect(found.record).toEqual(example);
    // Another order is another key: the hub has no record under it.
    sent = [];
    const other = await plain
      .getRecord('bpkad.realisasi-apbd', { kode_opd, bulan, tahun_anggaran })
      .catch((error: unknown) => error);
    expect(other).toMatchObject({ code: 'not_found', status: 404 });
    expect(sent.map((s) => s.path)).toEqual([
      `/v1/datasets/bpkad.realisasi-apbd/records/${encodeURIComponent(`${kode_opd},${bulan},${tahun_anggaran}`)}`,
    ]);
  });
});

describe('deleteRecords', () => {
  it('deletes by key object in one batch and the changes feed shows the tombstones', async () => {
    const records = puskesmas(3, 100);
    await typed.pushRecords('dinkes.puskesmas', records);
    const keys: DinkesPuskesmasKey[] = records.slice(0, 2).map((r) => ({ kode_puskesmas: r.kode_puskesmas }));
    sent = [];
    const result = await typed.deleteRecords('dinkes.puskesmas', keys);
    expect(result).toMatchObject({ batches: 1, records: 2, deleted: 2, created: 0 });
    expect(result.receipts).toHaveLength(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/v1/datasets/dinkes.puskesmas/records' });
    expect(JSON.parse(sent[0]?.body ?? '')).toEqual({ delete: keys });

    const tombstones: string[] = [];
    for await (const change of typed.pullChanges('dinkes.puskesmas', { since: (result.seq ?? 0) - 2 })) {
      if (change.op === 'delete') tombstones.push(change.key);
    }
    expect(tombstones).toEqual(keys.map((k) => k.kode_puskesmas));
    const gone = await typed
      .getRecord('dinkes.puskesmas', keys[0] as DinkesPuskesmasKey)
      .catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 404 });
    const kept = await typed.getRecord('dinkes.puskesmas', {
      kode_puskesmas: records[2]?.kode_puskesmas ?? '',
    });
    expect(kept.record).toEqual(records[2]);
  });

  it('deletes many keys in batches of batchSize, reporting progress', async () => {
    const records = puskesmas(7, 200);
    await typed.pushRecords('dinkes.puskesmas', records);
    const progress: number[] = [];
    sent = [];
    const result = await typed.deleteRecords(
      'dinkes.puskesmas',
      records.map(({ kode_puskesmas }) => ({ kode_puskesmas })),
      { batchSize: 3, onProgress: (p) => progress.push(p.deleted) },
    );
    expect(result).toMatchObject({ batches: 3, records: 7, deleted: 7 });
    expect(progress).toEqual([3, 6, 7]);
    expect(sent.map((s) => (JSON.parse(s.body) as { delete: unknown[] }).delete.length)).toEqual([3, 3, 1]);
  });

  it('names the key that is not an object (checked as pushRecords checks records), and sends nothing', async () => {
    sent = [];
    const keys = [{ kode_puskesmas: 'P3207000001' }, 'P3207000002'] as unknown as DinkesPuskesmasKey[];
    await expect(typed.deleteRecords('dinkes.puskesmas', keys)).rejects.toThrow(
      /^records\[1\]: is string, not a record object; 0 records before it were committed$/,
    );
    expect(sent).toEqual([]);
  });
});

describe('hub.dataset(id)', () => {
  it('binds every record helper to the dataset and keeps its types', async () => {
    const dinkes = typed.dataset('dinkes.puskesmas');
    expect(dinkes.id).toBe('dinkes.puskesmas');
    expectTypeOf(dinkes).toEqualTypeOf<DatasetHandle<DinkesPuskesmasRecord, DinkesPuskesmasKey>>();
    const records = puskesmas(2, 300);
    sent = [];
    expect(await dinkes.pushRecords(records)).toMatchObject({ created: 2 });
    const since = (await dinkes.getRecord({ kode_puskesmas: records[0]?.kode_puskesmas ?? '' })).seq - 1;
    const changes: TypedChange<DinkesPuskesmasRecord>[] = [];
    for await (const change of dinkes.pullChanges({ since })) changes.push(change);
    expect(changes.map((c) => c.record?.nama)).toEqual(records.map((r) => r.nama));
    const names: string[] = [];
    for await (const row of dinkes.listRecords({ limit: 1000 })) names.push(row.record.nama);
    expect(names).toEqual(expect.arrayContaining(records.map((r) => r.nama)));
    expect(await dinkes.deleteRecords([{ kode_puskesmas: records[1]?.kode_puskesmas ?? '' }])).toMatchObject({
      deleted: 1,
    });
    expect(new Set(sent.map((s) => s.path.split('/').slice(0, 4).join('/')))).toEqual(
      new Set(['/v1/datasets/dinkes.puskesmas']),
    );
  });
});

describe('types over the five kabupaten contracts', () => {
  it('getRecord, deleteRecords and dataset take each dataset’s key and give its record', () => {
    type KeyOf<Id extends keyof Datasets> = Parameters<typeof typed.getRecord<Id>>[1];
    expectTypeOf<KeyOf<'dinkes.puskesmas'>>().toEqualTypeOf<DinkesPuskesmasKey>();
    expectTypeOf<KeyOf<'bpkad.realisasi-apbd'>>().toEqualTypeOf<BpkadRealisasiApbdKey>();
    expectTypeOf<KeyOf<'disdik.sekolah'>>().toEqualTypeOf<DisdikSekolahKey>();
    expectTypeOf<KeyOf<'disdukcapil.penduduk-desa'>>().toEqualTypeOf<DisdukcapilPendudukDesaKey>();
    expectTypeOf<KeyOf<'diskumdag.umkm'>>().toEqualTypeOf<DiskumdagUmkmKey>();
    type RecordOf<Id extends keyof Datasets> = Awaited<ReturnType<typeof typed.getRecord<Id>>>['record'];
    expectTypeOf<RecordOf<'disdik.sekolah'>>().toEqualTypeOf<DisdikSekolahRecord>();
    expectTypeOf<RecordOf<'disdukcapil.penduduk-desa'>>().toEqualTypeOf<DisdukcapilPendudukDesaRecord>();
    expectTypeOf<RecordOf<'diskumdag.umkm'>>().toEqualTypeOf<DiskumdagUmkmRecord>();
    type KeysOf<Id extends keyof Datasets> = Parameters<typeof typed.deleteRecords<Id>>[1];
    expectTypeOf<KeysOf<'disdik.sekolah'>>().toEqualTypeOf<
      Iterable<DisdikSekolahKey> | AsyncIterable<DisdikSekolahKey>
    >();
    expectTypeOf(typed.dataset('diskumdag.umkm')).toEqualTypeOf<
      DatasetHandle<DiskumdagUmkmRecord, DiskumdagUmkmKey>
    >();
    expectTypeOf(typed.dataset('bpkad.realisasi-apbd').getRecord)
      .parameter(0)
      .toEqualTypeOf<BpkadRealisasiApbdKey>();
  });

  it('a wrong key field, a wrong key type, a wrong record and an unknown dataset do not compile', () => {
    const never = () => {
      // @ts-expect-error a key field the contract does not have
      void typed.getRecord('dinkes.puskesmas', { kode: 'P3207010101' });
      // @ts-expect-error the key of disdik.sekolah is a string (npsn)
      void typed.getRecord('disdik.sekolah', { npsn: 20211034 });
      // @ts-expect-error a key missing one of its fields (kode_opd)
      void typed.getRecord('bpkad.realisasi-apbd', { tahun_anggaran: 2025, bulan: 3 });
      // @ts-expect-error the key of another dataset
      void typed.deleteRecords('diskumdag.umkm', [{ npsn: '20211034' }]);
      // @ts-expect-error a dataset not in the map
      void typed.getRecord('dinkes.tidak-ada', { kode_puskesmas: 'P3207010101' });
      // @ts-expect-error a dataset not in the map
      void typed.dataset('dinkes.tidak-ada');
      const sekolah = typed.dataset('disdik.sekolah');
      // @ts-expect-error a puskesmas record where a sekolah belongs
      void sekolah.pushRecords(puskesmas(1));
      // @ts-expect-error a wrong key field through the handle
      void sekolah.deleteRecords([{ nspn: '20211034' }]);
      const umkm = typed.dataset('diskumdag.umkm');
      // @ts-expect-error a field of the record read through the handle that the contract does not have
      void umkm.getRecord({ nib: '1234567890123' }).then((row) => row.record.omzet_per_tahun);
    };
    expect(never).toBeTypeOf('function');
  });

  it('without the map, keys and records are plain objects as before', () => {
    const untyped = createHubClient({ baseUrl: hub.url, apiKey: 'tk_unused' });
    expectTypeOf(untyped.getRecord('apa.saja', { id: 1 })).resolves.toEqualTypeOf<StoredRecord>();
    expectTypeOf(untyped.dataset('apa.saja')).toEqualTypeOf<DatasetHandle>();
    expectTypeOf(untyped.deleteRecords)
      .parameter(1)
      .toEqualTypeOf<Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>>();
  });
});
