/**
 * @tukar/contracts/wilayah-data — the Kemendagri area list (every provinsi, kabupaten/kota, kecamatan and
 * desa/kelurahan code of idn-area-data) compiled into the module, for runtimes that cannot read the
 * idn-area-data files: browsers, service workers, edge functions. About 110 kB (26 kB gzipped); Node does
 * not need it.
 *
 * @example
 * ```ts
 * import { setWilayahSource } from '@tukar/contracts';
 * import { wilayahSource } from '@tukar/contracts/wilayah-data';
 *
 * setWilayahSource(wilayahSource);
 * ```
 *
 * @packageDocumentation
 */

import { GENERATED_FROM, WILAYAH_CODES } from './formats/wilayah-codes.generated';
import { decodeWilayahCodes } from './formats/wilayah-compact';
import type { WilayahLevel, WilayahSource } from './formats/wilayah-level';

/**
 * The version of `idn-area-data` the compiled-in list was generated from (the one Node reads, too).
 *
 * @example
 * ```ts
 * console.log(`kode wilayah of idn-area-data ${IDN_AREA_DATA_VERSION}`); // '4.0.1'
 * ```
 */
export const IDN_AREA_DATA_VERSION: string = GENERATED_FROM;

/**
 * The compiled-in area list as a source for `setWilayahSource`: the same codes Node reads from the
 * idn-area-data files. Each level is decoded when first asked for and then kept by @tukar/contracts as a set;
 * the desa level (83,762 codes) takes about as long as Node's read of the CSV file (≈ 0.1 s, once).
 *
 * @example
 * ```ts
 * import { isValidReferenceCode, setWilayahSource } from '@tukar/contracts';
 * import { wilayahSource } from '@tukar/contracts/wilayah-data';
 *
 * setWilayahSource(wilayahSource);
 * isValidReferenceCode('kode-wilayah-desa', '32.07.01.2008'); // true, in a browser too
 * ```
 */
export const wilayahSource: WilayahSource = (level: WilayahLevel) => decodeWilayahCodes(WILAYAH_CODES, level);
