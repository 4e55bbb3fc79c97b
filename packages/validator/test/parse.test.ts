import { describe, expect, it } from 'vitest';
import { JsonArrayReader } from '../src/parse/json-array-reader';
import { JsonArrayScanner } from '../src/parse/json-array-scanner';
import { jsonErrorReason } from '../src/parse/json-error';
import { LineSplitter } from '../src/parse/line-splitter';

/** Splits `text` into chunks at the given positions (every position when `every` is set). */
function chunksOf(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function lines(chunks: string[], max?: number) {
  const seen: Array<[number, string]> = [];
  const tooLong: Array<[number, number]> = [];
  const splitter = new LineSplitter(
    { line: (text, n) => seen.push([n, text]), tooLong: (n, length) => tooLong.push([n, length]) },
    max,
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return { seen, tooLong };
}

function elements(chunks: string[], max?: number) {
  const seen: unknown[] = [];
  const problems: string[] = [];
  const tooLarge: number[] = [];
  const scanner = new JsonArrayScanner(
    {
      element: (text) => seen.push(JSON.parse(text)),
      tooLarge: (index) => tooLarge.push(index),
      problem: (code) => problems.push(code),
    },
    max,
  );
  for (const chunk of chunks) scanner.push(chunk);
  scanner.end();
  return { seen, problems, tooLarge };
}

describe('LineSplitter', () => {
  const text = '{"a":1}\r\n{"b":"x\\ny"}\n\n{"c":"ü€😀"}\n{"d":4}';

  it('gives the same lines whatever the chunk size, with line numbers, \\r removed, last line without \\n', () => {
    const expected = [
      [1, '{"a":1}'],
      [2, '{"b":"x\\ny"}'],
      [3, ''],
      [4, '{"c":"ü€😀"}'],
      [5, '{"d":4}'],
    ];
    for (const size of [1, 2, 3, 5, 7, 64]) expect(lines(chunksOf(text, size)).seen).toEqual(expected);
  });

  it('skips a line over the limit without holding it, and goes on with the next', () => {
    const long = `{"x":"${'a'.repeat(100)}"}`;
    const result = lines(chunksOf(`{"a":1}\n${long}\n{"b":2}\n`, 8), 50);
    expect(result.seen).toEqual([
      [1, '{"a":1}'],
      [3, '{"b":2}'],
    ]);
    expect(result.tooLong).toHaveLength(1);
    expect(result.tooLong[0]![0]).toBe(2);
  });

  it('handles an over-long last line without a newline', () => {
    const result = lines(chunksOf(`{"a":1}\n${'x'.repeat(200)}`, 16), 50);
    expect(result.seen).toEqual([[1, '{"a":1}']]);
    expect(result.tooLong[0]![0]).toBe(2);
  });
});

describe('JsonArrayScanner', () => {
  const records = [
    {
      kode: 'P1',
      nama: 'Puskesmas "Ciamis" [induk]',
      tags: ['a,b', '{x}'],
      nested: { deep: [1, { z: '\\' }] },
    },
    { kode: 'P2', nama: 'back\\slash\\', kosong: '' },
    { kode: 'P3', esc: '\\"', u: 'ü€😀', n: -1.5e3, t: true, f: false, z: null },
    42,
    'plain string, with comma ]',
  ];
  const text = ` \n[${records.map((r) => JSON.stringify(r)).join(' ,\n  ')}]\n `;

  it('hands out every element whatever the chunk size (strings, escapes, nesting split anywhere)', () => {
    for (const size of [1, 2, 3, 4, 7, 13, 4096]) {
      const result = elements(chunksOf(text, size));
      expect(result.problems).toEqual([]);
      expect(result.seen).toEqual(records);
    }
  });

  it('reads an empty array and reports what is not an array', () => {
    expect(elements(['[', ' ', ']']).seen).toEqual([]);
    expect(elements(['{"data":[]}']).problems).toEqual(['not_json_array']);
    expect(elements(['']).problems).toEqual([]);
  });

  it('reports a cut-off array, and data after the closing bracket', () => {
    expect(elements(['[{"a":1},{"a":']).problems).toEqual(['truncated']);
    expect(elements(['[{"a":1},']).problems).toEqual(['truncated']);
    expect(elements(['[{"a":1}] [2]']).problems).toEqual(['trailing_data']);
  });

  it('skips an element over the limit and goes on', () => {
    const big = JSON.stringify({ x: 'y'.repeat(500) });
    const result = elements(chunksOf(`[{"a":1},${big},{"b":2}]`, 32), 100);
    expect(result.seen).toEqual([{ a: 1 }, { b: 2 }]);
    expect(result.tooLarge).toEqual([2]);
  });

  it('gives a malformed element to the caller as text (JSON.parse then says what is wrong)', () => {
    const texts: string[] = [];
    const scanner = new JsonArrayScanner({
      element: (t) => texts.push(t),
      tooLarge: () => {},
      problem: () => {},
    });
    scanner.push('[{"a":1},{"a":tru},,{"c":3}]');
    scanner.end();
    expect(texts.map((t) => t.trim())).toEqual(['{"a":1}', '{"a":tru}', '', '{"c":3}']);
  });
});

/** Reads `text` in chunks with the batch reader; every element with its index, parsed, or `BAD` when it is not JSON. */
function readArray(text: string, size: number) {
  const seen: Array<[number, unknown]> = [];
  const problems: string[] = [];
  const reader = new JsonArrayReader({
    value: (value, i) => seen.push([i, value]),
    element: (t, i) => {
      try {
        seen.push([i, JSON.parse(t)]);
      } catch {
        seen.push([i, 'BAD']);
      }
    },
    tooLarge: (i) => seen.push([i, 'TOO LARGE']),
    problem: (code) => problems.push(code),
  });
  for (const chunk of chunksOf(text, size)) reader.push(chunk);
  reader.end();
  return { seen, problems, elements: reader.elements };
}

describe('JsonArrayReader (batches with the native parser, the scanner where a guess fails)', () => {
  const records = Array.from({ length: 300 }, (_, i) => ({
    id: i,
    nama: i % 50 === 7 ? 'tricky },{ "inside" a string \\' : `Puskesmas ${i}`,
    koordinat: { lat: -7.3, lon: 108.3 },
    anggota: i % 90 === 5 ? [{ a: 1 }, { b: 2 }] : [],
  }));
  const minified = JSON.stringify(records);
  const pretty = JSON.stringify(records, null, 2);

  it('gives every element in order with its index, minified or pretty, whatever the chunk size', () => {
    const expected = records.map((r, i) => [i + 1, r]);
    for (const text of [minified, pretty, ` \n${minified}\n`]) {
      for (const size of [1, 7, 100, 4096, 65_536, 1 << 22]) {
        const result = readArray(text, size);
        expect(result.problems).toEqual([]);
        expect(result.seen).toEqual(expected);
        expect(result.elements).toBe(300);
      }
    }
  });

  it('reports malformed elements against their index and goes on in batches', () => {
    const parts = records.slice(0, 40).map((r) => JSON.stringify(r));
    parts[3] = '{"id":3,"nama":tru}';
    parts[25] = '{"id":25,,}';
    for (const size of [64, 4096, 1 << 20]) {
      const result = readArray(`[${parts.join(',')}]`, size);
      expect(result.seen.filter(([, v]) => v === 'BAD').map(([i]) => i)).toEqual([4, 26]);
      expect(result.seen.map(([i]) => i)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(result.problems).toEqual([]);
    }
  });

  it('reports the same problems as the scanner: not an array, cut off, data after the end, empty', () => {
    expect(readArray('{"data":[]}', 4).problems).toEqual(['not_json_array']);
    expect(readArray('[{"a":1},{"a":2}', 4096).problems).toEqual(['truncated']);
    expect(readArray('[{"a":1},{"a":2},', 4096).problems).toEqual(['truncated']);
    const trailing = readArray('[{"a":1},{"a":2}] [3]', 4096);
    expect(trailing.problems).toEqual(['trailing_data']);
    expect(trailing.seen).toEqual([
      [1, { a: 1 }],
      [2, { a: 2 }],
    ]);
    expect(readArray('  [ ]  ', 1).seen).toEqual([]);
    expect(readArray('[]', 4096).problems).toEqual([]);
    expect(readArray('[1, "two", null]', 4096).seen).toEqual([
      [1, 1],
      [2, 'two'],
      [3, null],
    ]);
  });
});

describe('jsonErrorReason', () => {
  it('drops the excerpt of the input V8 quotes, which could hold personal data', () => {
    let reason = '';
    try {
      JSON.parse('{"nik":"3207011203850001","a":tru}');
    } catch (error) {
      reason = jsonErrorReason(error);
    }
    expect(reason).not.toContain('3207');
    expect(reason.length).toBeGreaterThan(5);
  });
});
