import type { StepTimeLimit } from '@tukar/spec';
import { type HolidayCalendar, NO_HOLIDAYS } from './calendar/holiday-calendar';

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
  let local = start.getTime() + WIB_OFFSET_MS;
  let left = limit.amount;
  while (left > 0) {
    local += DAY_MS;
    const day = new Date(local);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && calendar.holiday(day.toISOString().slice(0, 10)) === undefined)
      left--;
  }
  return new Date(local - WIB_OFFSET_MS);
}
