import { parse } from 'yaml';

/**
 * One day off of a holiday list: a national holiday (*libur nasional*) or a collective leave day
 * (*cuti bersama*), with where the date comes from.
 *
 * @example
 * ```ts
 * import type { Holiday } from '@tukar/hub';
 * const day: Holiday = {
 *   date: '2026-03-23',
 *   name: 'Cuti bersama Idul Fitri 1447 H',
 *   kind: 'cuti-bersama',
 *   source: 'SKB Nomor 1497 Tahun 2025, Nomor 2 Tahun 2025, Nomor 5 Tahun 2025',
 * };
 * ```
 */
export interface Holiday {
  /** The day, `YYYY-MM-DD`, on the regency's calendar (WIB). */
  readonly date: string;
  readonly name: string;
  readonly kind: 'libur-nasional' | 'cuti-bersama';
  /** Where the date comes from: the decree, or the holiday library that computed it. */
  readonly source: string;
}

/**
 * The days off of one year as a decree fixes them (the SKB of the ministers of religion, manpower and
 * PANRB): it replaces the holiday library's dates for that year.
 *
 * @example
 * ```ts
 * import { type HolidayList, SKB_2026 } from '@tukar/hub';
 * const list: HolidayList = SKB_2026;
 * list.dates.filter((d) => d.kind === 'cuti-bersama').length; // 8
 * ```
 */
export interface HolidayList {
  readonly year: number;
  /** The decree, e.g. `SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor …`. */
  readonly source: string;
  readonly dates: readonly Holiday[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/**
 * Reads a holiday list file (YAML or JSON): `year`, `source` (the decree) and `dates`, each with `date`,
 * `name`, `kind` (`libur-nasional` or `cuti-bersama`) and an optional `source` of its own (default: the
 * list's). Returns the list, or every problem, each naming the file and the entry.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { parseHolidayList } from '@tukar/hub';
 *
 * const read = parseHolidayList(readFileSync('libur-2027.yaml', 'utf8'), 'libur-2027.yaml');
 * if (!read.ok) for (const problem of read.problems) console.error(problem);
 * ```
 */
export function parseHolidayList(
  text: string,
  file: string,
): { ok: true; list: HolidayList } | { ok: false; problems: string[] } {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 10 });
  } catch (error) {
    return { ok: false, problems: [`${file}: not YAML or JSON: ${(error as Error).message}`] };
  }
  const problems: string[] = [];
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return { ok: false, problems: [`${file}: a holiday list is a mapping with year, source and dates.`] };
  const { year, source, dates, ...rest } = data as Record<string, unknown>;
  for (const key of Object.keys(rest)) problems.push(`${file}: "${key}" is not a field of a holiday list.`);
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1945 || year > 2200)
    problems.push(`${file}: year must be a year such as 2026; got ${JSON.stringify(year)}.`);
  if (typeof source !== 'string' || source.trim() === '')
    problems.push(`${file}: source must name the decree the dates come from (e.g. the SKB's number).`);
  if (!Array.isArray(dates) || dates.length === 0)
    problems.push(`${file}: dates must list the days off of the year.`);
  const out: Holiday[] = [];
  const seen = new Set<string>();
  for (const [i, entry] of (Array.isArray(dates) ? dates : []).entries()) {
    const at = `${file}: dates[${i}]`;
    const e = (entry ?? {}) as Record<string, unknown>;
    const date = e.date instanceof Date ? e.date.toISOString().slice(0, 10) : e.date;
    if (typeof date !== 'string' || !isCalendarDate(date)) {
      problems.push(`${at}: date ${JSON.stringify(date)} is not a day of the calendar (YYYY-MM-DD).`);
      continue;
    }
    if (typeof year === 'number' && !date.startsWith(`${year}-`))
      problems.push(`${at}: ${date} is not in ${year}, the year of the list.`);
    if (seen.has(date)) problems.push(`${at}: ${date} is listed twice.`);
    seen.add(date);
    if (typeof e.name !== 'string' || e.name.trim() === '')
      problems.push(`${at} (${date}): name is missing.`);
    if (e.kind !== 'libur-nasional' && e.kind !== 'cuti-bersama')
      problems.push(
        `${at} (${date}): kind must be libur-nasional or cuti-bersama; got ${JSON.stringify(e.kind)}.`,
      );
    if (e.source !== undefined && (typeof e.source !== 'string' || e.source.trim() === ''))
      problems.push(`${at} (${date}): source, when given, names where this date comes from.`);
    out.push({
      date,
      name: String(e.name ?? ''),
      kind: e.kind as Holiday['kind'],
      source: typeof e.source === 'string' ? e.source : String(source ?? ''),
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, list: { year: year as number, source: source as string, dates: out } };
}
