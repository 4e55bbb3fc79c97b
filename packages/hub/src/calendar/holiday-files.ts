import { readFile } from 'node:fs/promises';
import { createHolidayCalendar, type HolidayCalendar, indonesianHolidays } from './holiday-calendar';
import { type HolidayList, parseHolidayList } from './holiday-list';
import { SKB_2026 } from './skb-2026';

/**
 * The hub's calendar with holiday list files (`tukar-hub --holidays`): each file's year replaces the
 * shipped SKB 2026 list or the library for that year. Every problem of every file at once.
 *
 * @example
 * ```ts
 * import { loadHolidayCalendar } from '@tukar/hub/node';
 * const loaded = await loadHolidayCalendar(['/etc/tukar/libur-2027.yaml']);
 * if (!loaded.ok) console.error(loaded.problems.join('\n'));
 * ```
 */
export async function loadHolidayCalendar(
  files: readonly string[],
): Promise<{ ok: true; calendar: HolidayCalendar } | { ok: false; problems: string[] }> {
  const lists: HolidayList[] = [SKB_2026];
  const problems: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(`${file}: ${code === 'ENOENT' ? 'not found' : (error as Error).message}`);
      continue;
    }
    const read = parseHolidayList(text, file);
    if (read.ok) lists.push(read.list);
    else problems.push(...read.problems);
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, calendar: createHolidayCalendar({ lists, library: await indonesianHolidays() }) };
}
