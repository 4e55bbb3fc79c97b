import { parseWaktu } from '@tukar/contracts/procedure';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const UNITS = [
  ['hari', 'working-days'],
  ['hari kerja', 'working-days'],
  ['hari kalender', 'calendar-days'],
  ['bulan', 'months'],
  ['jam', 'hours'],
] as const;

describe('parseWaktu', () => {
  it('reads the time limits of the seeds', () => {
    expect(parseWaktu('1 - 3 hari')).toEqual({
      ok: true,
      value: { min: 1, max: 3, unit: 'working-days', text: '1 - 3 hari' },
    });
    expect(parseWaktu('14 hari')).toMatchObject({ ok: true, value: { max: 14 } });
    expect(parseWaktu('1 bulan')).toMatchObject({ ok: true, value: { unit: 'months' } });
  });

  it('reads every written range back as its numbers and unit (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(...UNITS),
        fc.constantFrom(' ', '  '),
        fc.boolean(),
        (min, extra, [word, unit], gap, range) => {
          const max = range ? min + extra : min;
          const text = range ? `${min}-${max}${gap}${word}` : `${min}${gap}${word}`;
          expect(parseWaktu(text)).toEqual({ ok: true, value: { min, max, unit, text } });
        },
      ),
      { seed: 19, numRuns: 2000 },
    );
  });

  it('never throws, and refuses naming what was written (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const result = parseWaktu(text);
        if (!result.ok) expect(result.message).toContain(text);
        else expect(result.value.max).toBeGreaterThanOrEqual(result.value.min);
      }),
      { seed: 19, numRuns: 3000 },
    );
  });
});
