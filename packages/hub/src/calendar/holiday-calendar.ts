import type { Holiday, HolidayList } from './holiday-list';
import { SKB_2026 } from './skb-2026';

/**
 * Which days are days off (besides weekends) for counting working days: per year, a decree's list when
 * one is given, otherwise the national holidays a library computes (see {@link indonesianHolidays}).
 *
 * @example
 * ```ts
 * import { createHolidayCalendar } from '@tukar/hub';
 * const calendar = createHolidayCalendar(); // the shipped SKB 2026 list
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
 * const options: HolidayCalendarOptions = { lists: [SKB_2026] }; // 2026 only; other years: weekends
 * createHolidayCalendar(options);
 * ```
 */
export interface HolidayCalendarOptions {
  /** Decree lists, one per year; each replaces the library's dates of its year. Default: the shipped SKB 2026. */
  lists?: readonly HolidayList[];
  /**
   * The days off of years without a list: `await indonesianHolidays()` (the `date-holidays` library), or
   * none (the default: weekends only).
   */
  library?: HolidayLibrary;
}

/**
 * The computed days off of a year, for years without a decree list.
 *
 * @example
 * ```ts
 * import type { HolidayLibrary } from '@tukar/hub';
 * const none: HolidayLibrary = () => [];
 * ```
 */
export type HolidayLibrary = (year: number) => readonly Holiday[];

const LIBRARY_SOURCE = 'date-holidays (ID, public holidays, computed; no cuti bersama)';

/**
 * Indonesia's public holidays as the `date-holidays` library computes them (loaded on first call: the
 * library's data is large). Islamic holidays are computed, not the government's decision, and cuti
 * bersama are not known: give a decree list for the years that matter.
 *
 * @example
 * ```ts
 * import { indonesianHolidays } from '@tukar/hub';
 * const library = await indonesianHolidays();
 * library(2027).map((d) => d.date);
 * ```
 */
export async function indonesianHolidays(): Promise<HolidayLibrary> {
  const { default: Holidays } = await import('date-holidays');
  const library = new Holidays('ID');
  return (year) =>
    library
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => ({
        date: h.date.slice(0, 10),
        name: h.name,
        kind: 'libur-nasional',
        source: LIBRARY_SOURCE,
      }));
}

/**
 * A holiday calendar: the given lists (default: the shipped SKB 2026) per year, the library's days
 * for other years. A later list of the same year replaces an earlier one, so a list file given to the
 * hub overrides the shipped one.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { createHolidayCalendar, indonesianHolidays, parseHolidayList, SKB_2026 } from '@tukar/hub';
 *
 * const read = parseHolidayList(readFileSync('libur-2027.yaml', 'utf8'), 'libur-2027.yaml');
 * if (read.ok) createHolidayCalendar({ lists: [SKB_2026, read.list], library: await indonesianHolidays() });
 * ```
 */
export function createHolidayCalendar(options: HolidayCalendarOptions = {}): HolidayCalendar {
  const byYear = new Map<number, Map<string, Holiday>>();
  for (const list of options.lists ?? [SKB_2026])
    byYear.set(list.year, new Map(list.dates.map((d) => [d.date, d])));
  const library = options.library;
  return {
    holiday(date) {
      const year = Number(date.slice(0, 4));
      let days = byYear.get(year);
      if (days === undefined) {
        if (library === undefined) return undefined;
        days = new Map(library(year).map((d) => [d.date, d]));
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
