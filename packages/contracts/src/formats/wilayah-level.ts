/**
 * Administrative levels of the Kemendagri area list: provinsi `32`, kabupaten/kota `32.07`,
 * kecamatan `32.07.01`, desa/kelurahan `32.07.01.2008`.
 *
 * @example
 * ```ts
 * import { wilayahCodes, type WilayahLevel } from '@tukar/contracts';
 *
 * const level: WilayahLevel = 'kecamatan';
 * wilayahCodes(level).has('33.74.01'); // true (Kecamatan Semarang Tengah, Kota Semarang)
 * ```
 */
export type WilayahLevel = 'provinsi' | 'kabupaten' | 'kecamatan' | 'desa';

/**
 * Where the area list comes from: the dotted codes of one level. On Node the default reads the
 * `idn-area-data` CSV files; `wilayahSource` of `@tukar/contracts/wilayah-data` is the same list compiled in,
 * for browsers; your own source can give a newer list.
 *
 * @example
 * ```ts
 * import { setWilayahSource, type WilayahLevel, type WilayahSource } from '@tukar/contracts';
 *
 * declare const allCodes: Record<WilayahLevel, string[]>; // e.g. a newer list from the BPS/Kemendagri API
 * const onlyJawaTengah: WilayahSource = (level) => allCodes[level].filter((code) => code.startsWith('33'));
 * setWilayahSource(onlyJawaTengah);
 * ```
 */
export type WilayahSource = (level: WilayahLevel) => Iterable<string>;
