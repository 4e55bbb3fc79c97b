/**
 * Administrative levels of the Kemendagri area list: provinsi `32`, kabupaten/kota `32.07`,
 * kecamatan `32.07.01`, desa/kelurahan `32.07.01.2008`.
 *
 * @example
 * ```ts
 * const level: WilayahLevel = 'kecamatan';
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
 * const onlyJawaBarat: WilayahSource = (level) => allCodes[level].filter((code) => code.startsWith('32'));
 * ```
 */
export type WilayahSource = (level: WilayahLevel) => Iterable<string>;
