import { existsSync, readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { KeyIndex } from '../src/engine/key-index';
import { validateFile, validateStream } from '../src/index';
import { ndjson, PENDUDUK, PUSKESMAS, puskesmas, tempDir } from './helpers';

/** A small deterministic PRNG (mulberry32), so that a failure repeats. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('primary-key uniqueness past the key memory (spilled to disk, compared exactly)', () => {
  it('finds exactly the duplicates a Map finds, whatever the spill threshold (seeded, thousands of keys)', async () => {
    const { dir, cleanup } = await tempDir('spill');
    try {
      for (const [seed, spillAt, keys] of [
        [1, 100, 5_000],
        [2, 1_000, 20_000],
        [3, 7, 3_000],
        [4, 50_000, 20_000], // never spills: the same answers from memory alone
      ] as const) {
        const next = random(seed);
        const index = new KeyIndex({ spillAt, tempDir: dir });
        const expected = new Map<number, number>();
        const firstOf = new Map<string, number>();
        const found = new Map<number, number>();
        for (let record = 1; record <= keys; record++) {
          // Keys from a pool a little smaller than the input: about one in six repeats, near or far.
          const key = `32.07.${Math.floor(next() * keys * 0.85)}${next() < 0.01 ? '\u00e9\u4e00' : ''}`;
          const first = firstOf.get(key);
          if (first === undefined) firstOf.set(key, record);
          else expected.set(record, first);
          const now = index.add(key, record);
          if (now > 0) found.set(record, now);
        }
        index.finish((record, first) => found.set(record, first));
        // Every duplicate is found once; a key repeated more than twice may be reported against any
        // earlier record with that key, so compare the keys.
        expect([...found.keys()].sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
        for (const [record, first] of found) expect(first).toBeLessThan(record);
        expect(index.size).toBe(firstOf.size);
        expect(index.summary().mode).toBe('exact');
      }
      expect(readdirSync(dir)).toEqual([]); // every spill directory removed
    } finally {
      await cleanup();
    }
  });

  it('reports a duplicate across the spill boundary in the report, with its key, counts and a plain note', async () => {
    const { dir, cleanup } = await tempDir('spill-report');
    try {
      const records = Array.from({ length: 3_000 }, (_, i) => puskesmas(i + 1));
      records[2_499] = puskesmas(10); // record 2500 repeats record 10, spilled long before
      records[2_899] = puskesmas(11, { jumlah_tenaga_kesehatan: 'banyak' }); // a repeat that also breaks the schema
      records[1_200] = puskesmas(1_150); // near: in memory
      const path = `${dir}/puskesmas.ndjson`;
      const { writeFile } = await import('node:fs/promises');
      await writeFile(path, ndjson(records));
      const report = await validateFile(PUSKESMAS, path, { uniqueness: { spillAt: 500, tempDir: dir } });
      const duplicates = report.issues.filter((issue) => issue.code === 'duplicate_key');
      expect(duplicates.map((issue) => [issue.record, issue.key])).toEqual([
        [1_201, 'P3207011150'],
        [2_500, 'P3207010010'],
        [2_900, 'P3207010011'],
      ]);
      expect(duplicates[1]!.message).toContain('already used by record 10.');
      expect(duplicates[1]!.page).toBeUndefined();
      expect(report.counts).toEqual({ records: 3_000, valid: 2_997, invalid: 3, issues: 4 });
      expect(report.verdict).toBe('invalid');
      expect(report.checks.find((check) => check.id === 'primary-key')).toMatchObject({
        status: 'failed',
        issues: 3,
      });
      expect(report.uniqueness.mode).toBe('exact');
      expect(report.uniqueness.keys).toBe(2_997);
      expect(report.uniqueness.note).toMatch(/exactly over 2,997 keys.*spilled to disk/);
      expect(report.notes.map((note) => note.code)).not.toContain('uniqueness-saturated');
      expect(readdirSync(dir)).toEqual(['puskesmas.ndjson']);
    } finally {
      await cleanup();
    }
  });

  it('finds no false duplicates across spills with composite keys', async () => {
    const row = (desa: string, semester: string) => ({
      kode_desa: desa,
      semester,
      jumlah_penduduk: 100,
      laki_laki: 50,
      perempuan: 50,
      kepala_keluarga: 30,
    });
    const semesters = ['2023-1', '2023-2', '2024-1', '2024-2'];
    const records = Array.from({ length: 2_000 }, (_, i) =>
      row(`32.07.01.${String(2001 + Math.floor(i / 4)).padStart(4, '0')}`, semesters[i % 4]!),
    );
    records.push(row('32.07.01.2001', '2023-2')); // record 2001 repeats record 2
    const report = await validateStream(PENDUDUK, Readable.from([Buffer.from(ndjson(records))]), {
      uniqueness: { spillAt: 300 },
      maxErrors: 5_000, // the made-up kode desa are not in the Kemendagri list: each is an issue too
    });
    const duplicates = report.issues.filter((issue) => issue.code === 'duplicate_key');
    expect(duplicates.map((issue) => [issue.record, issue.key])).toEqual([[2_001, '32.07.01.2001,2023-2']]);
    expect(duplicates[0]!.message).toContain('already used by record 2.');
  });

  it('keeps composite keys apart across spills, whatever their parts hold (separators, wide characters)', () => {
    const index = new KeyIndex({ spillAt: 3 });
    const keys = [
      ['a,b', 'c'],
      ['a', 'b,c'],
      ['a\u0001b', 'c'],
      ['a', 'b\u0001c'],
      ['Bandung', 'Cimahi\u4e00'],
      ['Bandung\u0002', 'Cimahi'],
      ['x', 'y'],
    ];
    const found: Array<[number, number]> = [];
    const add = (parts: string[], record: number) => {
      const first = index.addParts(parts, 0, 2, 7, 9, record); // one fingerprint for all: only the texts tell
      if (first > 0) found.push([record, first]);
    };
    keys.forEach((parts, i) => {
      add(parts, i + 1);
    });
    keys.forEach((parts, i) => {
      add([...parts], 100 + i);
    });
    index.finish((record, first) => found.push([record, first]));
    expect(found.sort((a, b) => a[0] - b[0])).toEqual(keys.map((_, i) => [100 + i, i + 1]));
  });

  it('removes its spill files when the run fails part-way', async () => {
    const { dir, cleanup } = await tempDir('spill-fail');
    try {
      async function* failing() {
        yield Buffer.from(ndjson(Array.from({ length: 1_000 }, (_, i) => puskesmas(i + 1))));
        throw new Error('disk gone');
      }
      // A read error is a finding (the run still ends): the files go with the report.
      const report = await validateStream(PUSKESMAS, failing(), {
        uniqueness: { spillAt: 100, tempDir: dir },
      });
      expect(report.stopReason?.code).toBe('unreadable');
      expect(readdirSync(dir)).toEqual([]);
      // A run that throws (here: the index is disposed of by the caller) leaves nothing either.
      const index = new KeyIndex({ spillAt: 10, tempDir: dir });
      for (let i = 0; i < 100; i++) index.add(`k${i}`, i + 1);
      expect(readdirSync(dir)).toHaveLength(1);
      index.dispose();
      expect(readdirSync(dir)).toEqual([]);
      expect(existsSync(dir)).toBe(true);
    } finally {
      await cleanup();
    }
  });
});
