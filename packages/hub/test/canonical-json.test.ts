import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical-json';

/** The definition: native `JSON.stringify` with the sorted list of every key as its property list. */
function byDefinition(value: unknown): string {
  const keys = new Set<string>();
  const collect = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const item of v) collect(item);
      return;
    }
    for (const [key, member] of Object.entries(v)) {
      keys.add(key);
      collect(member);
    }
  };
  collect(value);
  return JSON.stringify(value, [...keys].sort()) ?? 'null';
}

/** The same members in another order, at every level. */
function reordered(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(reordered);
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reordered(v)]),
  );
}

const options = { seed: 20_261_207, numRuns: 5_000 };

describe('canonicalJson', () => {
  it('writes what JSON.stringify writes with every key, sorted, as its property list', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(byDefinition(value));
      }),
      options,
    );
  });

  it('gives equal values equal text whatever the order of their members, and reads back as the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(reordered(value))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      options,
    );
  });

  it('leaves out members whose value is undefined, and writes undefined in an array as null (as JSON.stringify)', () => {
    expect(canonicalJson({ b: undefined, a: [undefined, 1], c: { e: 2, d: undefined } })).toBe(
      '{"a":[null,1],"c":{"e":2}}',
    );
    expect(canonicalJson({ at: new Date('2026-12-07T03:00:00.000Z') })).toBe(
      '{"at":"2026-12-07T03:00:00.000Z"}',
    );
  });
});
