/**
 * Units of a step's time limit: working days (*hari*, *hari kerja*: Monday to Friday without holidays),
 * calendar days (*hari kalender*), months (*bulan*) and hours (*jam*).
 *
 * @example
 * ```ts
 * import type { DurationUnit } from '@tukar/contracts/procedure';
 * const unit: DurationUnit = 'working-days';
 * ```
 */
export type DurationUnit = 'working-days' | 'calendar-days' | 'months' | 'hours';

/**
 * A step's time limit (*waktu*) as the hub counts it. `1-3 hari` is `{ min: 1, max: 3 }`; the hub's
 * deadline is the upper bound.
 *
 * @example
 * ```ts
 * import { parseWaktu, type StepDuration } from '@tukar/contracts/procedure';
 * const parsed = parseWaktu('1-3 hari');
 * const limit: StepDuration | undefined = parsed.ok ? parsed.value : undefined; // { min: 1, max: 3, unit: 'working-days', text: '1-3 hari' }
 * ```
 */
export interface StepDuration {
  readonly min: number;
  readonly max: number;
  readonly unit: DurationUnit;
  /** The limit as the SOP writes it. */
  readonly text: string;
}

const UNITS: Record<string, DurationUnit> = {
  hari: 'working-days',
  'hari kerja': 'working-days',
  'hari kalender': 'calendar-days',
  bulan: 'months',
  jam: 'hours',
};
const LARGEST: Record<DurationUnit, number> = {
  'working-days': 260,
  'calendar-days': 366,
  months: 12,
  hours: 24 * 31,
};

/**
 * Reads a time limit as SOPs write it: `1 hari`, `3 hari kerja`, `14 hari kalender`, `1 bulan`, `8 jam`,
 * and ranges `1-3 hari`. *Hari* alone counts working days, as SOP time limits do. Never throws.
 *
 * @example
 * ```ts
 * import { parseWaktu } from '@tukar/contracts/procedure';
 * parseWaktu('1 bulan'); // { ok: true, value: { min: 1, max: 1, unit: 'months', text: '1 bulan' } }
 * parseWaktu('seminggu'); // { ok: false, message: '…' }
 * ```
 */
export function parseWaktu(text: string): { ok: true; value: StepDuration } | { ok: false; message: string } {
  const units = Object.keys(UNITS).join(', ');
  const match = /^(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?\s+([a-z]+(?:\s+[a-z]+)?)$/i.exec(text.trim());
  if (!match) {
    return {
      ok: false,
      message: `"${text}" is not a time limit: write a number (or a range such as 1-3) and a unit (${units}).`,
    };
  }
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  const unit = UNITS[(match[3] as string).toLowerCase().replace(/\s+/g, ' ')];
  if (unit === undefined)
    return { ok: false, message: `"${text}" has the unit "${match[3]}"; the units are ${units}.` };
  if (min < 1) return { ok: false, message: `"${text}" is no time at all: a limit is at least 1.` };
  if (max < min)
    return { ok: false, message: `"${text}" ends before it starts: write the smaller number first.` };
  if (max > LARGEST[unit])
    return { ok: false, message: `"${text}" is longer than a year (${LARGEST[unit]} ${unit} at most).` };
  return { ok: true, value: { min, max, unit, text: text.trim() } };
}
