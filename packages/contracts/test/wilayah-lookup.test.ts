// A few records' kecamatan and desa codes are checked against their kabupaten's codes alone, decoded from
// that kabupaten's line of the shipped list: the answers must be those of the whole list.
import { setWilayahSource, type WilayahLevel, wilayahCodes } from '@tukar/contracts';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { hasWilayahCode } from '../src/formats/wilayah-data';

afterEach(() => setWilayahSource(undefined));

const LEVELS: WilayahLevel[] = ['kecamatan', 'desa'];

describe('hasWilayahCode, kabupaten by kabupaten', () => {
  it.each(LEVELS)('accepts every %s code of the whole list', (level) => {
    // Looked up first, before the whole level is decoded (which the lookup then uses instead).
    const all = [...wilayahCodes(level)];
    setWilayahSource(undefined); // forget the decoded level: the lookups read kabupaten lines again
    expect(all.filter((code) => !hasWilayahCode(level, code))).toEqual([]);
  });

  it('answers as the whole list for codes that are, are nearly, or are not in it', () => {
    const desa = [...wilayahCodes('desa')];
    const kecamatan = [...wilayahCodes('kecamatan')];
    setWilayahSource(undefined);
    const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
    const near = fc.oneof(
      fc.constantFrom(...desa.slice(0, 3000)).map((code) => ({ level: 'desa' as const, code })),
      fc.constantFrom(...kecamatan).map((code) => ({ level: 'kecamatan' as const, code })),
      fc
        .tuple(fc.constantFrom(...kecamatan), digits(4))
        .map(([parent, n]) => ({ level: 'desa' as const, code: `${parent}.${n}` })),
      fc
        .tuple(digits(2), digits(2), digits(2))
        .map(([a, b, c]) => ({ level: 'kecamatan' as const, code: `${a}.${b}.${c}` })),
      fc.string().map((code) => ({ level: 'desa' as const, code })),
    );
    const whole = { kecamatan: new Set(kecamatan), desa: new Set(desa) };
    fc.assert(
      fc.property(near, ({ level, code }) => hasWilayahCode(level, code) === whole[level].has(code)),
      { seed: 20261207, numRuns: 2000 },
    );
  });

  it('uses the source setWilayahSource gave, not the shipped file', () => {
    setWilayahSource((level) => (level === 'desa' ? ['32.07.01.9999'] : ['32']));
    expect(hasWilayahCode('desa', '32.07.01.9999')).toBe(true);
    expect(hasWilayahCode('desa', '32.07.01.2008')).toBe(false);
  });
});
