import type { Holiday, HolidayList } from './holiday-list';

const SKB =
  'SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1497 Tahun 2025, Nomor 2 Tahun 2025, Nomor 5 Tahun 2025 tentang Hari Libur Nasional dan Cuti Bersama Tahun 2026';

const day = (date: string, name: string, kind: Holiday['kind']): Holiday => ({
  date,
  name,
  kind,
  source: SKB,
});

/**
 * The days off of 2026 as the SKB fixes them: 17 national holidays and 8 days of *cuti bersama*. The
 * holiday library computes Idul Fitri 1447 H a day early (20–21 March) and knows no cuti bersama; this
 * list replaces it for 2026. Idul Fitri is 21–22 March; Nyepi 19 March; cuti bersama 18 (Nyepi),
 * 20, 23 and 24 March (Idul Fitri).
 *
 * @example
 * ```ts
 * import { SKB_2026 } from '@tukar/hub';
 * SKB_2026.dates.find((d) => d.date === '2026-03-20')?.kind; // 'cuti-bersama'
 * ```
 */
export const SKB_2026: HolidayList = {
  year: 2026,
  source: SKB,
  dates: [
    day('2026-01-01', 'Tahun Baru 2026 Masehi', 'libur-nasional'),
    day('2026-01-16', "Isra Mi'raj Nabi Muhammad SAW", 'libur-nasional'),
    day('2026-02-16', 'Cuti bersama Tahun Baru Imlek 2577 Kongzili', 'cuti-bersama'),
    day('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili', 'libur-nasional'),
    day('2026-03-18', 'Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1948)', 'cuti-bersama'),
    day('2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)', 'libur-nasional'),
    day('2026-03-20', 'Cuti bersama Idul Fitri 1447 Hijriah', 'cuti-bersama'),
    day('2026-03-21', 'Idul Fitri 1447 Hijriah', 'libur-nasional'),
    day('2026-03-22', 'Idul Fitri 1447 Hijriah', 'libur-nasional'),
    day('2026-03-23', 'Cuti bersama Idul Fitri 1447 Hijriah', 'cuti-bersama'),
    day('2026-03-24', 'Cuti bersama Idul Fitri 1447 Hijriah', 'cuti-bersama'),
    day('2026-04-03', 'Wafat Yesus Kristus', 'libur-nasional'),
    day('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)', 'libur-nasional'),
    day('2026-05-01', 'Hari Buruh Internasional', 'libur-nasional'),
    day('2026-05-14', 'Kenaikan Yesus Kristus', 'libur-nasional'),
    day('2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus', 'cuti-bersama'),
    day('2026-05-27', 'Idul Adha 1447 Hijriah', 'libur-nasional'),
    day('2026-05-28', 'Cuti bersama Idul Adha 1447 Hijriah', 'cuti-bersama'),
    day('2026-05-31', 'Hari Raya Waisak 2570 BE', 'libur-nasional'),
    day('2026-06-01', 'Hari Lahir Pancasila', 'libur-nasional'),
    day('2026-06-16', '1 Muharam Tahun Baru Islam 1448 Hijriah', 'libur-nasional'),
    day('2026-08-17', 'Proklamasi Kemerdekaan', 'libur-nasional'),
    day('2026-08-25', 'Maulid Nabi Muhammad SAW', 'libur-nasional'),
    day('2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus', 'cuti-bersama'),
    day('2026-12-25', 'Kelahiran Yesus Kristus', 'libur-nasional'),
  ],
};
