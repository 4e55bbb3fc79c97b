import Holidays from 'date-holidays';
import type { Holiday, HolidayList } from './holiday-list';
import { SKB_2026 } from './skb-2026';

/**
 * Which days are days off (besides weekends) for counting working days: per year, a decree's list when
 * one is given, otherwise the national holidays the `date-holidays` library computes for Indonesia.
 *
 * @example
 * ```ts
 * import { createHolidayCalendar } from '@tukar/hub';
 * const calendar = createHolidayCalendar();
 * calendar.holiday('2026-03-23')?.kind; // 'cuti-bersama'
 * ```
 */
export interface HolidayCalendar {
  /** The day off on `date` (`YYYY-MM-DD`, WIB), or `undefined` for an ordinary day. */
  holiday(date: string): Holiday | undefined;
}

/**
 * Options of {@link createHolidayCalendar}.
 *
 * @example
 * ```ts
 * import { createHolidayCalendar, type HolidayCalendarOptions, SKB_2026 } from '@tukar/hub';
 * const options: HolidayCalendarOptions = { lists: [SKB_2026], library: false };
 * createHolidayCalendar(options);
 * ```
 */
export interface HolidayCalendarOptions {
  /** Decree lists, one per year; each replaces the library's dates of its year. Default: the shipped SKB 2026. */
  lists?: readonly HolidayList[];
  /** Whether years without a list use the `date-holidays` library (default `true`). */
  library?: boolean;
}

const LIBRARY_SOURCE = 'date-holidays (ID, public holidays, computed; no cuti bersama)';

/**
 * A holiday calendar: the given lists (default: the shipped SKB 2026) per year, the `date-holidays`
 * library's Indonesian public holidays for other years. A later list of the same year replaces an
 * earlier one, so a list file given to the hub overrides the shipped one.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { createHolidayCalendar, parseHolidayList, SKB_2026 } from '@tukar/hub';
 *
 * const read = parseHolidayList(readFileSync('libur-2027.yaml', 'utf8'), 'libur-2027.yaml');
 * if (read.ok) createHolidayCalendar({ lists: [SKB_2026, read.list] });
 * ```
 */
export function createHolidayCalendar(options: HolidayCalendarOptions = {}): HolidayCalendar {
  const byYear = new Map<number, Map<string, Holiday>>();
  for (const list of options.lists ?? [SKB_2026])
    byYear.set(list.year, new Map(list.dates.map((d) => [d.date, d])));
  const useLibrary = options.library ?? true;
  let library: Holidays | undefined;
  const libraryYear = (year: number): Map<string, Holiday> => {
    library ??= new Holidays('ID');
    const days = new Map<string, Holiday>();
    for (const h of library.getHolidays(year)) {
      if (h.type !== 'public') continue;
      const date = h.date.slice(0, 10);
      days.set(date, { date, name: h.name, kind: 'libur-nasional', source: LIBRARY_SOURCE });
    }
    return days;
  };
  return {
    holiday(date) {
      const year = Number(date.slice(0, 4));
      let days = byYear.get(year);
      if (days === undefined) {
        if (!useLibrary) return undefined;
        days = libraryYear(year);
        byYear.set(year, days);
      }
      return days.get(date);
    },
  };
}

/**
 * A calendar without holidays: only weekends are days off.
 *
 * @example
 * ```ts
 * import { NO_HOLIDAYS } from '@tukar/hub';
 * NO_HOLIDAYS.holiday('2026-03-23'); // undefined
 * ```
 */
export const NO_HOLIDAYS: HolidayCalendar = { holiday: () => undefined };
