import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHubCommand } from '../src/bin-options';
import { loadHolidayCalendar } from '../src/calendar/holiday-files';
import {
  createHolidayCalendar,
  type HolidayCalendar,
  indonesianHolidays,
  parseHolidayList,
  SKB_2026,
  stepDeadline,
} from '../src/index';
import { BinProcess } from './bin-process';
import { startHub } from './hub-fixture';

const ONE_DAY = { amount: 1, unit: 'working-days', seed: '1 hari' } as const;
const wib = (text: string) => new Date(`${text}+07:00`);
/** The WIB calendar day of an instant. */
const dayOf = (at: Date) => new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

describe('deadlines on the Indonesian calendar', async () => {
  const library = await indonesianHolidays();
  const calendar = createHolidayCalendar({ library });

  it('a step due over Nyepi, Idul Fitri 1447 H and their cuti bersama is due after them', () => {
    // Tuesday 17 March 2026: 18 cuti bersama Nyepi, 19 Nyepi, 20 cuti bersama, 21–22 Idul Fitri
    // (a weekend), 23–24 cuti bersama. The next working day is Wednesday 25 March.
    const due = stepDeadline(wib('2026-03-17T09:00:00'), ONE_DAY, calendar);
    expect(due.toISOString()).toBe(wib('2026-03-25T09:00:00').toISOString());
    const threeDays = stepDeadline(
      wib('2026-03-16T10:00:00'),
      { amount: 3, unit: 'working-days', seed: '1-3 hari' },
      calendar,
    );
    expect(dayOf(threeDays)).toBe('2026-03-26'); // 17, 25, 26
  });

  it('records where each day off comes from: the SKB for 2026', () => {
    expect(calendar.holiday('2026-03-23')).toEqual({
      date: '2026-03-23',
      name: 'Cuti bersama Idul Fitri 1447 Hijriah',
      kind: 'cuti-bersama',
      source: expect.stringContaining('Nomor 1497 Tahun 2025'),
    });
    expect(calendar.holiday('2026-03-21')?.kind).toBe('libur-nasional');
    expect(calendar.holiday('2026-03-25')).toBeUndefined();
    expect(SKB_2026.dates.filter((d) => d.kind === 'libur-nasional')).toHaveLength(17);
    expect(SKB_2026.dates.filter((d) => d.kind === 'cuti-bersama')).toHaveLength(8);
  });

  it('without the SKB list the library alone misses the cuti bersama and puts the deadline inside the holidays', () => {
    const libraryOnly = createHolidayCalendar({ lists: [], library });
    expect(libraryOnly.holiday('2026-03-23')).toBeUndefined();
    expect(libraryOnly.holiday('2026-03-19')?.source).toContain('date-holidays');
    expect(dayOf(stepDeadline(wib('2026-03-17T09:00:00'), ONE_DAY, libraryOnly))).toBe('2026-03-18');
  });

  it('uses the library for a year without a list (Idul Fitri 1448 H, 2027)', () => {
    const idulFitri2027 = ['2027-03-09', '2027-03-10', '2027-03-11'].filter(
      (d) => calendar.holiday(d) !== undefined,
    );
    expect(idulFitri2027.length).toBeGreaterThan(0);
    expect(calendar.holiday(idulFitri2027[0] as string)?.source).toContain('date-holidays');
  });

  it('a list file for a year replaces the library for that year, with its own sources', () => {
    const read = parseHolidayList(
      `year: 2027
source: SKB 2027 (contoh)
dates:
  - { date: 2027-03-08, name: Cuti bersama Idul Fitri, kind: cuti-bersama }
  - { date: 2027-03-09, name: Idul Fitri 1448 H, kind: libur-nasional, source: Pengumuman Menag }
`,
      'libur-2027.yaml',
    );
    if (!read.ok) throw new Error(read.problems.join('\n'));
    const custom = createHolidayCalendar({ lists: [SKB_2026, read.list], library });
    expect(custom.holiday('2027-03-08')).toMatchObject({ kind: 'cuti-bersama', source: 'SKB 2027 (contoh)' });
    expect(custom.holiday('2027-03-09')?.source).toBe('Pengumuman Menag');
    expect(custom.holiday('2027-01-01')).toBeUndefined(); // the list is the whole year
    expect(calendar.holiday('2027-01-01')?.name).toBeTruthy(); // the library knows New Year
  });

  it('refuses a bad list file naming the file and each entry', () => {
    const read = parseHolidayList(
      `year: 2026
dates:
  - { date: 2026-02-30, name: Tidak ada, kind: libur-nasional }
  - { date: 2027-01-01, name: Tahun Baru, kind: libur-nasional }
  - { date: 2026-03-20, name: Cuti, kind: cuti }
tanggal: []
`,
      'libur.yaml',
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toEqual([
      'libur.yaml: "tanggal" is not a field of a holiday list.',
      "libur.yaml: source must name the decree the dates come from (e.g. the SKB's number).",
      'libur.yaml: dates[0]: date "2026-02-30" is not a day of the calendar (YYYY-MM-DD).',
      'libur.yaml: dates[1]: 2027-01-01 is not in 2026, the year of the list.',
      'libur.yaml: dates[2] (2026-03-20): kind must be libur-nasional or cuti-bersama; got "cuti".',
    ]);
  });

  it('never lands on a weekend or a day off, and counts exactly the working days between (property)', () => {
    const offDay = (cal: HolidayCalendar, day: string) => {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      return weekday === 0 || weekday === 6 || cal.holiday(day) !== undefined;
    };
    const start2026 = Date.UTC(2026, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 * 24 }), fc.integer({ min: 1, max: 30 }), (hours, amount) => {
        const start = new Date(start2026 + hours * 3600_000);
        const due = stepDeadline(start, { amount, unit: 'working-days', seed: `${amount} hari` }, calendar);
        expect(offDay(calendar, dayOf(due))).toBe(false);
        let working = 0;
        for (let t = start.getTime() + 86_400_000; t <= due.getTime(); t += 86_400_000)
          if (!offDay(calendar, dayOf(new Date(t)))) working++;
        expect(working).toBe(amount);
      }),
      { seed: 19, numRuns: 2000 },
    );
  });
});

describe('the hub counts deadlines on its calendar', () => {
  it('an integration requested on 17 March 2026 is due on 25 March (through the API)', async () => {
    const hub = await startHub({ now: () => wib('2026-03-17T09:00:00') });
    try {
      const created = await hub.admin.unwrap(
        hub.admin.POST('/v1/integrations', {
          body: {
            title: 'Integrasi data puskesmas',
            opd: 'Dinas Kesehatan',
            requester: { name: 'Operator', contact: 'simpus@dinkes.example.go.id' },
            purpose: 'Data puskesmas untuk dasbor',
          },
        }),
      );
      expect(created.stepDeadline).toBe(wib('2026-03-25T09:00:00').toISOString());
    } finally {
      await hub.close();
    }
  });

  it('tukar-hub --holidays FILE replaces the shipped list for its year', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tukar-holidays-'));
    try {
      const file = join(dir, 'libur-2026.yaml');
      writeFileSync(
        file,
        'year: 2026\nsource: SKB perubahan (contoh)\ndates:\n  - { date: 2026-03-18, name: Cuti bersama, kind: cuti-bersama }\n',
      );
      const parsed = parseHubCommand(['--holidays', file], {});
      if (!parsed.ok) throw new Error(parsed.message);
      expect(parsed.command.holidayFiles).toEqual([file]);
      const fromEnv = parseHubCommand([], { TUKAR_HOLIDAYS: `${file}, ${join(dir, 'nope.yaml')}` });
      if (!fromEnv.ok) throw new Error(fromEnv.message);
      expect(await loadHolidayCalendar(fromEnv.command.holidayFiles)).toEqual({
        ok: false,
        problems: [`${join(dir, 'nope.yaml')}: not found`],
      });
      const loaded = await loadHolidayCalendar(parsed.command.holidayFiles);
      if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
      const hub = await startHub({ now: () => wib('2026-03-17T09:00:00'), holidays: loaded.calendar });
      try {
        const created = await hub.admin.unwrap(
          hub.admin.POST('/v1/integrations', {
            body: {
              title: 'Integrasi',
              opd: 'Dinas Kesehatan',
              requester: { name: 'Operator', contact: 'simpus@dinkes.example.go.id' },
              purpose: 'Uji',
            },
          }),
        );
        // Only 18 March is off in the replacing list: due Thursday 19 March.
        expect(dayOf(new Date(created.stepDeadline ?? ''))).toBe('2026-03-19');
      } finally {
        await hub.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tukar-hub stops at start naming every problem of a bad --holidays file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tukar-holidays-bin-'));
    try {
      const file = join(dir, 'libur.yaml');
      writeFileSync(
        file,
        'year: 2026\nsource: SKB\ndates:\n  - { date: 2026-13-01, name: X, kind: libur-nasional }\n',
      );
      const started = BinProcess.start(['--store', 'memory', '--holidays', file]);
      await expect(started).rejects.toThrow(
        `tukar-hub: --holidays: ${file}: dates[0]: date "2026-13-01" is not a day of the calendar`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
