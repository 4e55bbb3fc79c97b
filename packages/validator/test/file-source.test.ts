import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidatorConfigError, validateFile, validateStream } from '../src/index';
import { ndjson, PUSKESMAS, puskesmas, REALISASI, tempDir, UMKM, umkm } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('file'));
});
afterEach(() => cleanup());

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** Records with the mistakes OPD exports have: wrong types, missing fields, a duplicate key, a fake kode wilayah. */
function faultyPuskesmas(): Record<string, unknown>[] {
  const records = Array.from({ length: 10 }, (_, i) => puskesmas(i + 1));
  records[2] = puskesmas(3, { jumlah_tenaga_kesehatan: '68' }); // record 3: a number as text
  delete records[4]!.alamat; // record 5: missing field
  records[6] = puskesmas(2); // record 7: the key of record 2 again
  records[8] = puskesmas(9, { kode_wilayah: '32.07.99.2001' }); // record 9: no such desa in Ciamis
  return records;
}

describe('validateFile', () => {
  it('finds nothing wrong in valid NDJSON and counts every record', async () => {
    const path = await file('ok.ndjson', ndjson(Array.from({ length: 25 }, (_, i) => puskesmas(i))));
    const report = await validateFile(PUSKESMAS, path);
    expect(report.verdict).toBe('valid');
    expect(report.complete).toBe(true);
    expect(report.counts).toEqual({ records: 25, valid: 25, invalid: 0, issues: 0 });
    expect(report.source).toEqual({ kind: 'file', location: path, format: 'ndjson', gzip: false });
    expect(report.contract).toMatchObject({
      id: 'dinkes.puskesmas',
      version: '1.0.0',
      opd: 'Dinas Kesehatan Kabupaten Ciamis',
    });
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['readable', 'passed'],
      ['schema', 'passed'],
      ['reference-codes', 'passed'],
      ['primary-key', 'passed'],
    ]);
    expect(report.uniqueness.mode).toBe('exact');
  });

  it('reports wrong types, missing fields, duplicate keys and a fake kode wilayah with record number, key and path', async () => {
    const path = await file('faulty.json', JSON.stringify(faultyPuskesmas(), null, 2));
    const report = await validateFile(PUSKESMAS, path);
    expect(report.source.format).toBe('json');
    expect(report.verdict).toBe('invalid');
    expect(report.counts).toEqual({ records: 10, valid: 6, invalid: 4, issues: 4 });
    const byCode = Object.fromEntries(report.issues.map((issue) => [issue.code, issue]));
    expect(byCode.type).toMatchObject({ record: 3, key: 'P3207010003', path: '/jumlah_tenaga_kesehatan' });
    expect(byCode.required).toMatchObject({ record: 5, key: 'P3207010005', path: '/alamat' });
    expect(byCode.duplicate_key).toMatchObject({ record: 7, key: 'P3207010002', path: '/kode_puskesmas' });
    expect(byCode.duplicate_key!.message).toContain('already used by record 2');
    expect(byCode['kode-wilayah-desa']).toMatchObject({ record: 9, path: '/kode_wilayah' });
    expect(byCode['kode-wilayah-desa']!.message).toContain('32.07.99.2001');
    expect(report.checks.find((c) => c.id === 'reference-codes')).toMatchObject({
      status: 'failed',
      issues: 1,
    });
    expect(report.checks.find((c) => c.id === 'primary-key')).toMatchObject({ status: 'failed', issues: 1 });
    expect(report.checks.find((c) => c.id === 'schema')).toMatchObject({ status: 'failed', issues: 2 });
    expect(report.rules.map((rule) => rule.code).sort()).toEqual([
      'duplicate_key',
      'kode-wilayah-desa',
      'required',
      'type',
    ]);
  });

  it('masks PII (NIK, names) in messages and keys: an invalid NIK is reported without showing it', async () => {
    const badNik = '3207013102850001'; // 31 February
    const path = await file(
      'umkm.ndjson',
      ndjson([umkm(1), umkm(2, { nik_pemilik: badNik, nama_pemilik: 12 })]),
    );
    const report = await validateFile(UMKM, path);
    expect(report.counts.invalid).toBe(1);
    const nik = report.issues.find((issue) => issue.code === 'nik');
    expect(nik).toMatchObject({ record: 2, path: '/nik_pemilik' });
    expect(nik!.message).toContain('3207**********01');
    const text = JSON.stringify(report);
    expect(text).not.toContain(badNik);
    expect(text).not.toContain('Siti Rohmah');
  });

  it('masks a primary key that is personal data', async () => {
    const contract = (await import('@tukar/contracts')).parseContract(
      (await import('node:fs'))
        .readFileSync(UMKM, 'utf8')
        .replace('primaryKey: [nib]', 'primaryKey: [nik_pemilik]'),
    );
    if (!contract.ok) throw new Error(JSON.stringify(contract.problems));
    const path = await file('umkm.ndjson', ndjson([umkm(1), umkm(2)]));
    const report = await validateFile(contract.contract, path);
    const duplicate = report.issues.find((issue) => issue.code === 'duplicate_key');
    expect(duplicate?.key).toBe('3207**********03');
    expect(JSON.stringify(report)).not.toContain('3207014507900003');
  });

  it('compares composite keys part by part, exactly and past the exact bound (no false duplicates)', async () => {
    const row = (tahun: unknown, bulan: unknown, kode: unknown) => ({
      tahun_anggaran: tahun,
      bulan,
      kode_opd: kode,
    });
    const records = [
      row(2024, '1,x', 'y'),
      row(2024, '1', 'x,y'),
      row(2024, 'a\u0001b', 'c'),
      row(2024, 'a', 'b\u0001c'),
      row('2024', 1, 'z'), // the hub compares values as text: the same key as the next one
      row(2024, '1', 'z'),
      ...Array.from({ length: 30 }, (_, i) => row(2025, i, 'k')),
      row(2025, 3, 'k'), // a duplicate found by fingerprint, past the exact bound
    ];
    for (const exactKeys of [100, 3]) {
      const report = await validateStream(REALISASI, Readable.from([Buffer.from(ndjson(records))]), {
        uniqueness: { exactKeys },
      });
      const duplicates = report.issues.filter((issue) => issue.code === 'duplicate_key');
      expect(duplicates.map((issue) => [issue.record, issue.key])).toEqual([
        [6, '2024,1,z'],
        [37, '2025,3,k'],
      ]);
      expect(duplicates[0]!.message).toContain('already used by record 5');
      expect(duplicates[1]!.message).toContain('already used by record 10');
      expect(report.uniqueness.mode).toBe(exactKeys === 3 ? 'hashed' : 'exact');
    }
  });

  it('finds every duplicate across many batches of keys, in record order, with the right counts', async () => {
    // 2,000 records: keys repeat within a batch and across batches, some duplicates also break the schema.
    const records = Array.from({ length: 2000 }, (_, i) => puskesmas(i + 1));
    const repeats = new Map([
      [5, 4],
      [129, 1],
      [130, 128],
      [1000, 3],
      [1001, 3],
      [1999, 1500],
    ]);
    for (const [at, of] of repeats) records[at - 1] = puskesmas(of);
    records[1000] = puskesmas(3, { jumlah_tenaga_kesehatan: '68' }); // record 1001: also a schema fault
    for (const exactKeys of [100_000, 50]) {
      const report = await validateStream(PUSKESMAS, Readable.from([Buffer.from(ndjson(records))]), {
        uniqueness: { exactKeys },
      });
      const duplicates = report.issues.filter((issue) => issue.code === 'duplicate_key');
      expect(duplicates.map((issue) => issue.record)).toEqual([...repeats.keys()]);
      expect(duplicates.map((issue) => Number(/record (\d+)/.exec(issue.message)![1]))).toEqual([
        4, 1, 128, 3, 3, 1500,
      ]);
      const order = report.issues.map((issue) => issue.record ?? 0);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(report.counts).toMatchObject({ records: 2000, invalid: 6, valid: 1994, issues: 7 });
    }
  });

  it('reads gzip (detected from the bytes, not the name), NDJSON and JSON arrays alike', async () => {
    const records = faultyPuskesmas();
    const gzNdjson = await file('data.bin', gzipSync(ndjson(records)));
    const gzJson = await file('data.json.gz', gzipSync(JSON.stringify(records)));
    for (const path of [gzNdjson, gzJson]) {
      const report = await validateFile(PUSKESMAS, path);
      expect(report.source.gzip).toBe(true);
      expect(report.counts).toEqual({ records: 10, valid: 6, invalid: 4, issues: 4 });
    }
  });

  it('reads stdin for the path "-", and any byte stream with validateStream', async () => {
    const text = ndjson([puskesmas(1), puskesmas(1)]);
    const stdin = Readable.from([Buffer.from(text.slice(0, 7)), Buffer.from(text.slice(7))]);
    const report = await validateFile(PUSKESMAS, '-', { stdin });
    expect(report.source.location).toBe('-');
    expect(report.counts).toMatchObject({ records: 2, invalid: 1 });
    const streamed = await validateStream(PUSKESMAS, Readable.from([Buffer.from(`\uFEFF${text}`)]), {
      location: 'upload.ndjson',
    });
    expect(streamed.source.location).toBe('upload.ndjson');
    expect(streamed.counts).toMatchObject({ records: 2, invalid: 1 });
  });

  it('counts an NDJSON line that is not JSON as an invalid record, names the line, and goes on', async () => {
    const path = await file(
      'bad.ndjson',
      `${JSON.stringify(puskesmas(1))}\n\n{"kode_puskesmas": "P3207010002",\n${JSON.stringify(puskesmas(3))}\n`,
    );
    const report = await validateFile(PUSKESMAS, path);
    expect(report.counts).toEqual({ records: 3, valid: 2, invalid: 1, issues: 1 });
    expect(report.issues[0]).toMatchObject({ record: 2, code: 'invalid_json' });
    expect(report.issues[0]!.message).toMatch(/^Line 3 is not valid JSON/);
    expect(report.checks[0]).toMatchObject({ id: 'readable', status: 'failed' });
  });

  it('says plainly when one pretty-printed JSON document is given instead of NDJSON or an array', async () => {
    const path = await file('envelope.json', JSON.stringify({ data: [puskesmas(1)] }, null, 2));
    const report = await validateFile(PUSKESMAS, path);
    expect(report.verdict).toBe('invalid');
    expect(report.complete).toBe(false);
    expect(report.issues).toHaveLength(1);
    expect(report.issues[0]!.code).toBe('not_ndjson');
    expect(report.stopReason?.code).toBe('unreadable');
  });

  it('reports hostile input as findings, not crashes: binary, UTF-16, cut-off array, trailing data, a huge record', async () => {
    const binary = await validateFile(PUSKESMAS, await file('x.bin', Buffer.from([0x7b, 0x00, 0x01, 0xff])));
    expect(binary.issues[0]).toMatchObject({ code: 'not_text' });
    const utf16 = await validateFile(
      PUSKESMAS,
      await file('x.json', Buffer.from(`\uFEFF[${JSON.stringify(puskesmas(1))}]`, 'utf16le')),
    );
    expect(utf16.issues[0]!.message).toContain('UTF-16');
    const cut = await validateFile(
      PUSKESMAS,
      await file('cut.json', `[${JSON.stringify(puskesmas(1))},{"kode_puskesmas":"P32`),
    );
    expect(cut.counts.records).toBe(1);
    expect(cut.issues.map((i) => i.code)).toEqual(['truncated']);
    expect(cut.issues[0]!.message).toContain('record 2');
    const trailing = await validateFile(
      PUSKESMAS,
      await file('t.json', `[${JSON.stringify(puskesmas(1))}]\n[1]`),
    );
    expect(trailing.issues.map((i) => i.code)).toEqual(['trailing_data']);
    const huge = `[${JSON.stringify(puskesmas(1))},${JSON.stringify(puskesmas(2, { alamat: 'x'.repeat(5000) }))},${JSON.stringify(puskesmas(3))}]`;
    const big = await validateFile(PUSKESMAS, await file('huge.json', huge), { maxRecordLength: 1000 });
    expect(big.counts).toEqual({ records: 3, valid: 2, invalid: 1, issues: 1 });
    expect(big.issues[0]).toMatchObject({ record: 2, code: 'record_too_large' });
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const nested = await validateFile(
      UMKM,
      await file(
        'deep.ndjson',
        `${JSON.stringify(umkm(1)).replace('"3207014507900003"', deep)}\n${JSON.stringify(umkm(2))}\n`,
      ),
    );
    expect(nested.counts).toEqual({ records: 2, valid: 1, invalid: 1, issues: 1 });
    // 100,000 levels where the NIK goes: a type finding at that field (every walk over the record is
    // bounded, so the depth itself no longer overflows a stack).
    expect(nested.issues[0]).toMatchObject({ record: 1, code: 'type' });
    const corrupt = gzipSync(ndjson([puskesmas(1)]));
    corrupt.writeUInt8(corrupt.readUInt8(corrupt.length - 6) ^ 0xff, corrupt.length - 6); // break the CRC
    const broken = await validateFile(PUSKESMAS, await file('broken.gz', corrupt));
    expect(broken.issues.map((i) => i.code)).toContain('unreadable');
    expect(broken.complete).toBe(false);
  });

  it('accepts an empty file and an empty array with a note that nothing was read', async () => {
    for (const content of ['', '[ ]', '\n\n']) {
      const report = await validateFile(PUSKESMAS, await file('empty.json', content));
      expect(report.verdict).toBe('valid');
      expect(report.counts.records).toBe(0);
      expect(report.notes.map((n) => n.code)).toEqual(['no-records']);
    }
  });

  it('stops listing details at the error cap, counts on, and says the details are partial', async () => {
    const records = Array.from({ length: 50 }, (_, i) => puskesmas(i, { jenis: 'klinik' }));
    const report = await validateFile(PUSKESMAS, await file('many.ndjson', ndjson(records)), {
      maxErrors: 5,
    });
    expect(report.counts).toEqual({ records: 50, valid: 0, invalid: 50, issues: 50 });
    expect(report.issues).toHaveLength(5);
    expect(report.detailsPartial).toBe(true);
    expect(report.complete).toBe(false);
    expect(report.rules[0]).toMatchObject({ code: 'enum', count: 50 });
    expect(report.notes[0]!.code).toBe('details-partial');
    expect(report.notes[0]!.en).toContain('50 issues were found and the first 5 are listed');
  });

  it('lists issues in input order, duplicates included, also at the error cap', async () => {
    const records = [
      puskesmas(1, { jenis: 'klinik' }),
      puskesmas(2),
      puskesmas(2),
      puskesmas(4, { jenis: 'klinik' }),
    ];
    const all = await validateStream(PUSKESMAS, Readable.from([Buffer.from(ndjson(records))]));
    expect(all.issues.map((i) => [i.record, i.code])).toEqual([
      [1, 'enum'],
      [3, 'duplicate_key'],
      [4, 'enum'],
    ]);
    expect(all.counts).toEqual({ records: 4, valid: 1, invalid: 3, issues: 3 });
    const capped = await validateStream(PUSKESMAS, Readable.from([Buffer.from(ndjson(records))]), {
      maxErrors: 2,
    });
    expect(capped.issues.map((i) => [i.record, i.code])).toEqual([
      [1, 'enum'],
      [3, 'duplicate_key'],
    ]);
    expect(capped.counts.issues).toBe(3);
  });

  it('reads an endless stream only up to the record cap (the input is never held whole)', async () => {
    async function* endless(): AsyncGenerator<Buffer> {
      for (let i = 0; ; i++)
        yield Buffer.from(ndjson(Array.from({ length: 100 }, (_, k) => puskesmas(i * 100 + k))));
    }
    const report = await validateStream(PUSKESMAS, endless(), { maxRecords: 20_000 });
    expect(report.counts.records).toBe(20_000);
    expect(report.complete).toBe(false);
    expect(report.stopReason?.code).toBe('max-records');
    async function* endlessArray(): AsyncGenerator<Buffer> {
      yield Buffer.from('[');
      for (let i = 0; ; i++) yield Buffer.from(`${JSON.stringify(puskesmas(i))},`);
    }
    const array = await validateStream(PUSKESMAS, endlessArray(), { maxRecords: 5000 });
    expect(array.counts.records).toBe(5000);
    expect(array.verdict).toBe('valid');
  });

  it('reports progress through onProgress', async () => {
    const seen: number[] = [];
    const path = await file('p.ndjson', ndjson(Array.from({ length: 3000 }, (_, i) => puskesmas(i))));
    await validateFile(PUSKESMAS, path, { onProgress: (p) => seen.push(p.records), progressIntervalMs: 0 });
    expect(seen.at(-1)).toBe(3000);
    expect(seen.length).toBeGreaterThan(1);
  });

  it('throws a ValidatorConfigError naming the path for a missing file, a directory, a bad contract or option', async () => {
    await expect(validateFile(PUSKESMAS, join(dir, 'nope.ndjson'))).rejects.toThrow(
      /input file not found: .*nope\.ndjson/,
    );
    await mkdir(join(dir, 'folder'));
    await expect(validateFile(PUSKESMAS, join(dir, 'folder'))).rejects.toThrow(/is not a file/);
    const badContract = await file('bad.yaml', 'contract: x\n');
    const error = await validateFile(badContract, await file('a.ndjson', '')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidatorConfigError);
    expect((error as ValidatorConfigError).code).toBe('contract_invalid');
    expect((error as Error).message).toContain('bad.yaml');
    await expect(validateFile(PUSKESMAS, await file('b.ndjson', ''), { maxErrors: -1 })).rejects.toThrow(
      /maxErrors/,
    );
  });
});
