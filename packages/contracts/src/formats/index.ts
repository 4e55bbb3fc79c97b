import type { Ajv } from 'ajv';
import { nikFormat } from './nik';
import { nipFormat } from './nip';
import { npsnFormat } from './npsn';
import { npwpFormat } from './npwp';
import { REFERENCE_FORMAT_NAMES, type ReferenceFormat, type ReferenceFormatName } from './reference-format';
import { kodeWilayahDesa, kodeWilayahKabupaten, kodeWilayahKecamatan, kodeWilayahProvinsi } from './wilayah';

/**
 * Every reference-code format with its description, example and checks, by name.
 *
 * @example
 * ```ts
 * referenceFormatSpecs.nik.explain('3207013102850001'); // 'digits 7–12 must be the birth date …'
 * ```
 */
export const referenceFormatSpecs: Readonly<Record<ReferenceFormatName, ReferenceFormat>> = {
  'kode-wilayah-provinsi': kodeWilayahProvinsi,
  'kode-wilayah-kabupaten': kodeWilayahKabupaten,
  'kode-wilayah-kecamatan': kodeWilayahKecamatan,
  'kode-wilayah-desa': kodeWilayahDesa,
  nik: nikFormat,
  nip: nipFormat,
  npsn: npsnFormat,
  npwp: npwpFormat,
};

/**
 * The reference-code formats as plain validate functions, name → `(value: string) => boolean`.
 *
 * @example
 * ```ts
 * referenceFormats['kode-wilayah-kabupaten']('32.07'); // true (Kabupaten Ciamis)
 * ```
 */
export const referenceFormats: Readonly<Record<ReferenceFormatName, (value: string) => boolean>> =
  Object.fromEntries(
    REFERENCE_FORMAT_NAMES.map((name) => [name, referenceFormatSpecs[name].validate]),
  ) as Record<ReferenceFormatName, (value: string) => boolean>;

/**
 * `true` when `name` is one of the reference-code formats shipped with the package.
 *
 * @example
 * ```ts
 * isReferenceFormatName('nik'); // true
 * ```
 */
export function isReferenceFormatName(name: string): name is ReferenceFormatName {
  return Object.hasOwn(referenceFormatSpecs, name);
}

/**
 * Checks `value` against a reference-code format. Non-strings are never valid.
 *
 * @example
 * ```ts
 * isValidReferenceCode('kode-wilayah-desa', '32.07.01.2008'); // true (Desa Pawindan, Ciamis)
 * isValidReferenceCode('nik', '3207013102850001'); // false: 31 February
 * ```
 */
export function isValidReferenceCode(format: ReferenceFormatName, value: unknown): boolean {
  return typeof value === 'string' && referenceFormatSpecs[format].validate(value);
}

/**
 * Why `value` is not a valid code of `format`, or `undefined` when it is.
 *
 * @example
 * ```ts
 * explainReferenceCode('nip', '198513122010011001'); // 'digits 1–8 must be the birth date YYYYMMDD; …'
 * ```
 */
export function explainReferenceCode(format: ReferenceFormatName, value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a string, not ${value === null ? 'null' : typeof value}`;
  return referenceFormatSpecs[format].explain(value);
}

/**
 * Registers every reference-code format on an ajv instance (string formats; other types pass, as JSON
 * Schema formats do). Returns the same instance.
 *
 * @example
 * ```ts
 * import Ajv2020 from 'ajv/dist/2020.js';
 * const ajv = addReferenceFormats(new Ajv2020());
 * ajv.validate({ type: 'string', format: 'nik' }, '3207011203850001'); // true
 * ```
 */
export function addReferenceFormats<T extends Ajv>(ajv: T): T {
  for (const name of REFERENCE_FORMAT_NAMES) {
    ajv.addFormat(name, { type: 'string', validate: referenceFormatSpecs[name].validate });
  }
  return ajv;
}

export type { ReferenceFormat, ReferenceFormatName };
export { REFERENCE_FORMAT_NAMES };
