import { type HolidayCalendar, NO_HOLIDAYS } from './calendar/holiday-calendar';

/**
 * A time limit in working days or hours, with the SOP's own wording.
 *
 * @example
 * ```ts
 * import type { StepTimeLimit } from '@tukar/hub';
 * const limit: StepTimeLimit = { amount: 3, unit: 'working-days', seed: '1-3 hari' };
 * ```
 */
export interface StepTimeLimit {
  readonly amount: number;
  readonly unit: 'working-days' | 'hours';
  readonly seed: string;
}

/** Western Indonesian Time (WIB, UTC+7): working days are counted on the regency's calendar. */
const WIB_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/**
 * When a step's time limit runs out: `amount` working days after `start` (Monday to Friday, WIB,
 * skipping the days off of `calendar`: national holidays and cuti bersama), or `amount` hours for hour
 * limits. Without a calendar only weekends are skipped.
 *
 * @example
 * ```ts
 * import { createHolidayCalendar, stepDeadline } from '@tukar/hub';
 *
 * const limit = { amount: 1, unit: 'working-days', seed: '1 hari' } as const;
 * stepDeadline(new Date('2026-03-17T09:00:00+07:00'), limit, createHolidayCalendar()); // SKB 2026 list
 * // → 2026-03-25T09:00:00+07:00: Nyepi, Idul Fitri and their cuti bersama (18–24 March) are skipped
 * ```
 */
export function stepDeadline(
  start: Date,
  limit: StepTimeLimit,
  calendar: HolidayCalendar = NO_HOLIDAYS,
): Date {
  if (limit.unit === 'hours') return new Date(start.getTime() + limit.amount * 3600_000);
  return addWorkingDays(start, limit.amount, calendar);
}

/** `days` working days after `start`: Monday to Friday in WIB, skipping the days off of `calendar`. */
function addWorkingDays(start: Date, days: number, calendar: HolidayCalendar): Date {
  let local = start.getTime() + WIB_OFFSET_MS;
  let left = days;
  while (left > 0) {
    local += DAY_MS;
    const day = new Date(local);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && calendar.holiday(day.toISOString().slice(0, 10)) === undefined)
      left--;
  }
  return new Date(local - WIB_OFFSET_MS);
}

/**
 * A step's time limit as a procedure file gives it (`StepDuration` of `@tukar/contracts/procedure`).
 *
 * @example
 * ```ts
 * import type { StepDurationLimit } from '@tukar/hub';
 * const limit: StepDurationLimit = { max: 14, unit: 'working-days', text: '14 hari' };
 * ```
 */
export interface StepDurationLimit {
  readonly max: number;
  readonly unit: 'working-days' | 'calendar-days' | 'months' | 'hours';
  readonly text: string;
}

/**
 * When a procedure step's time limit (*waktu*) runs out, counted from `start`: working days on the
 * calendar (the upper bound of a range such as `1-3 hari`; a month is 22 of them), calendar days or hours.
 *
 * @example
 * ```ts
 * import { loadPreset } from '@tukar/contracts/procedure';
 * import { createHolidayCalendar, durationDeadline } from '@tukar/hub';
 *
 * const step3 = loadPreset('sragen').steps[2]!; // waktu: 14 hari
 * durationDeadline(new Date('2026-03-02T09:00:00+07:00'), step3.timeLimit!, createHolidayCalendar());
 * ```
 */
export function durationDeadline(
  start: Date,
  limit: StepDurationLimit,
  calendar: HolidayCalendar = NO_HOLIDAYS,
): Date {
  switch (limit.unit) {
    case 'working-days':
      return addWorkingDays(start, limit.max, calendar);
    case 'hours':
      return new Date(start.getTime() + limit.max * 3600_000);
    case 'calendar-days':
      return new Date(start.getTime() + limit.max * DAY_MS);
    case 'months': // a month (`1 bulan`) counts as 22 working days, as the hub always counted it
      return addWorkingDays(start, limit.max * 22, calendar);
  }
}
