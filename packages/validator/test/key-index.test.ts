import { describe, expect, it } from 'vitest';
import { KeyIndex } from '../src/engine/key-index';

describe('KeyIndex (primary-key uniqueness in bounded memory)', () => {
  it('is exact up to the bound and says so', () => {
    const index = new KeyIndex();
    expect(index.add('P3207010101', 1)).toBe(0);
    expect(index.add('P3207010102', 2)).toBe(0);
    expect(index.add('P3207010101', 3)).toBe(1);
    expect(index.mode).toBe('exact');
    expect(index.summary()).toMatchObject({ mode: 'exact', keys: 2 });
    expect(index.summary().note).toContain('exactly');
  });

  it('moves to 64-bit fingerprints past the bound, still finds duplicates from before and after, and gives the odds', () => {
    const index = new KeyIndex({ exactKeys: 1000 });
    for (let i = 1; i <= 50_000; i++) expect(index.add(`key-${i}`, i)).toBe(0);
    expect(index.mode).toBe('hashed');
    expect(index.add('key-10', 50_001)).toBe(10); // kept exactly, then moved
    expect(index.add('key-40000', 50_002)).toBe(40_000); // fingerprint only
    expect(index.size).toBe(50_000);
    const summary = index.summary();
    expect(summary.mode).toBe('hashed');
    expect(summary.note).toMatch(/first 1,000 keys.*64-bit fingerprints.*odds about/);
  });

  it('confirms a fingerprint match by the texts while it has them: two keys with one fingerprint stay apart', () => {
    const index = new KeyIndex();
    expect(index.addKey('a', 7, 9, 1)).toBe(0);
    expect(index.addKey('b', 7, 9, 2)).toBe(0); // same fingerprint, other text: not a duplicate
    expect(index.addKey('b', 7, 9, 3)).toBe(2);
    expect(index.addKey('a', 7, 9, 4)).toBe(1);
    expect(index.mode).toBe('exact');
  });

  it('switches early when the exact keys hold too many characters', () => {
    const index = new KeyIndex({ exactChars: 100 });
    for (let i = 0; i < 20; i++) index.add(`${'x'.repeat(10)}${i}`, i + 1);
    expect(index.mode).toBe('hashed');
    expect(index.add(`${'x'.repeat(10)}3`, 99)).toBe(4);
  });

  it('spills its keys to disk when its memory is full, instead of checking later keys only against the first', () => {
    // Regression: at 2.9M keys the memory filled and later records were no longer compared among themselves.
    const index = new KeyIndex({ maxBytes: 1 }); // the smallest memory: 65,536 slots, 64 KiB of key text
    const late: Array<[number, number]> = [];
    for (let i = 1; i <= 60_000; i++) expect(index.add(`k${i}`, i)).toBe(0);
    expect(index.spills).toBeGreaterThan(0);
    expect(index.add('k60000', 60_001)).toBe(60_000); // still in memory: found at once
    expect(index.add('k2', 60_002)).toBe(0); // spilled: found at the end
    index.finish((record, first) => late.push([record, first]));
    expect(late).toEqual([[60_002, 2]]);
    expect(index.mode).toBe('exact');
    expect(index.size).toBe(60_000);
    expect(index.summary().note).toMatch(/checked exactly over 60,000 keys.*spilled to disk \d+ times/);
  });

  it('tells apart keys that differ in one character or in order (no false duplicates over 200k keys)', () => {
    const index = new KeyIndex({ exactKeys: 0 });
    let duplicates = 0;
    for (let i = 0; i < 100_000; i++) {
      if (index.add(`3207,${i}`, i + 1) !== 0) duplicates++;
      if (index.add(`${i}.3207`, 100_001 + i) !== 0) duplicates++;
    }
    expect(duplicates).toBe(0);
  });
});
