// Typed records end to end: the types and validators `tukar types` writes for the kabupaten contracts
// (packages/contracts/test/fixtures/kabupaten-types.generated.ts) with the client against the real hub
// on a loopback port.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@tukar/cli';
import { createHubClient, type HubClient, PushRecordsError } from '@tukar/client';
import type { Change } from '@tukar/spec';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  type Datasets,
  type DinkesPuskesmasRecord,
  validators,
} from '../packages/contracts/test/fixtures/kabupaten-types.generated';
import {
  exampleContract,
  publishDataset,
  puskesmasRecords,
  registerClient,
  startHub,
  type TestHub,
} from '../packages/hub/test/hub-fixture';

let hub: TestHub;
let typed: HubClient<Datasets>;
let simpusKey: string;

beforeAll(async () => {
  hub = await startHub();
  await publishDataset(hub.admin, await exampleContract('dinkes.puskesmas'));
  const simpus = await registerClient(hub, 'ciamis/dinkes/simpus', { 'dinkes.puskesmas': ['read', 'write'] });
  simpusKey = simpus.apiKey;
  typed = createHubClient<Datasets>({ baseUrl: hub.url, apiKey: simpus.apiKey, retry: false });
});
afterAll(() => hub.close());

const puskesmas = (n: number) => puskesmasRecords(n) as DinkesPuskesmasRecord[];

describe('createHubClient<Datasets>()', () => {
  it('pushes typed records and reads them back typed from the changes feed and the list', async () => {
    const records = puskesmas(3);
    const pushed = await typed.pushRecords('dinkes.puskesmas', records, { validate: validators });
    expect(pushed).toMatchObject({ records: 3, created: 3 });

    const changes = [];
    for await (const change of typed.pullChanges('dinkes.puskesmas')) {
      expectTypeOf(change.record).toEqualTypeOf<DinkesPuskesmasRecord | undefined>();
      changes.push(change.record?.kode_puskesmas);
    }
    expect(changes).toEqual(records.map((r) => r.kode_puskesmas));

    const names: string[] = [];
    for await (const row of typed.listRecords('dinkes.puskesmas')) names.push(row.record.nama);
    expect(names.sort()).toEqual(records.map((r) => r.nama).sort());
  });

  it('refuses an invalid record before sending, with the code and path the hub gives it', async () => {
    const records: unknown[] = puskesmas(3).map((r) => ({
      ...r,
      kode_puskesmas: r.kode_puskesmas.replace('P32', 'P42'),
    }));
    const wrong = { ...(records[1] as object), jumlah_tenaga_kesehatan: '12' };
    records[1] = wrong;
    const before = await hub.admin.unwrap(
      hub.admin.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } }),
    );

    const local = await typed
      .pushRecords('dinkes.puskesmas', records as DinkesPuskesmasRecord[], { validate: validators })
      .catch((error: unknown) => error);
    expect(local).toBeInstanceOf(PushRecordsError);
    const refused = local as PushRecordsError;
    expect(refused.code).toBe('validation_failed');
    expect(refused.status).toBeUndefined(); // never sent
    expect(refused.committed.records).toBe(0);
    const after = await hub.admin.unwrap(
      hub.admin.GET('/v1/datasets/{datasetId}', { params: { path: { datasetId: 'dinkes.puskesmas' } } }),
    );
    expect(after.lastSeq).toBe(before.lastSeq);

    // The same records without `validate`: the hub's 422 says the same thing.
    const remote = (await typed
      .pushRecords('dinkes.puskesmas', records as DinkesPuskesmasRecord[])
      .catch((error: unknown) => error)) as PushRecordsError;
    expect(remote.status).toBe(422);
    const shape = (e: PushRecordsError) =>
      e.errors.map(({ index, op, code, path }) => ({ index, op, code, path }));
    expect(shape(refused)).toEqual(shape(remote));
    expect(shape(refused)).toEqual([
      { index: 1, op: 'upsert', code: 'type', path: '/jumlah_tenaga_kesehatan' },
    ]);
  });

  it('names the dataset when the validators have none for it', async () => {
    await expect(
      createHubClient({ baseUrl: hub.url, apiKey: 'tk_unused' }).pushRecords('dinkes.lain', [{}], {
        validate: validators,
      }),
    ).rejects.toThrow(/options\.validate.*dinkes\.lain/);
  });

  it('types records by dataset id at compile time; without the map everything is as before', () => {
    const ok = puskesmas(1);
    const send = () => {
      // @ts-expect-error a field name the contract does not have
      void typed.pushRecords('dinkes.puskesmas', [{ ...ok[0], nama_puskesmas: 'x' }]);
      // @ts-expect-error a number as text
      void typed.pushRecords('dinkes.puskesmas', [{ ...ok[0], jumlah_tenaga_kesehatan: '12' }]);
      // @ts-expect-error a dataset not in the map
      void typed.pushRecords('dinkes.tidak-ada', ok);
      const sekolah = { npsn: '20211034', nama: 'SD', jenjang: 'SD', status: 'negeri', alamat: 'x' };
      // @ts-expect-error a sekolah record where a puskesmas belongs
      void typed.pushRecords('dinkes.puskesmas', [sekolah]);
      const untyped = createHubClient({ baseUrl: hub.url, apiKey: 'tk_unused' });
      void untyped.pushRecords('apa.saja', [{ any: 'thing' }]);
      expectTypeOf(untyped.pullChanges('apa.saja')).toEqualTypeOf<AsyncIterable<Change>>();
    };
    expect(send).toBeTypeOf('function');
  });

  it('tukar types --hub writes, from the pinned contract, the same file as from the contract file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tukar-types-hub-'));
    let output = '';
    const stream = { write: (text: string) => (output += text), isTTY: false };
    const io = (env: Record<string, string>) => ({ stdout: stream, stderr: stream, env, cwd: dir });
    try {
      const argv = ['types', '--hub', hub.url, '--datasets', 'dinkes.puskesmas', '--out', 'types.ts'];
      expect(await runCli(argv, io({ TUKAR_API_KEY: simpusKey })), output).toBe(0);
      const fromFile = new URL('../examples/opd-simpus/src/tukar-types.generated.ts', import.meta.url);
      expect(await readFile(join(dir, 'types.ts'), 'utf8')).toBe(await readFile(fromFile, 'utf8'));
      output = '';
      expect(await runCli(argv, io({}))).toBe(2);
      expect(output).toContain('TUKAR_API_KEY');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
