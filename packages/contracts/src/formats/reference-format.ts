/**
 * One checked Indonesian reference-code format (an ajv `format`).
 *
 * `explain` returns why a value is not valid (or `undefined` when it is); `validate` is the fast yes/no.
 *
 * @example
 * ```ts
 * import { REFERENCE_FORMAT_NAMES, type ReferenceFormat, referenceFormatSpecs } from '@tukar/contracts';
 *
 * for (const name of REFERENCE_FORMAT_NAMES) {
 *   const spec: ReferenceFormat = referenceFormatSpecs[name];
 *   console.log(`${spec.name}: ${spec.description} (e.g. ${spec.example})`);
 * }
 * referenceFormatSpecs.nik.explain('3374011203850000'); // why it is not a valid NIK
 * ```
 */
export interface ReferenceFormat {
  /** The `format` name used in a contract schema, e.g. `nik`. */
  readonly name: ReferenceFormatName;
  /** One line describing what is checked. */
  readonly description: string;
  /** A valid example value. */
  readonly example: string;
  /** `true` when `value` is a valid code. */
  validate(value: string): boolean;
  /** Why `value` is not a valid code, or `undefined` when it is. */
  explain(value: string): string | undefined;
}

/**
 * Names of the reference-code formats shipped with `@tukar/contracts`.
 *
 * @example
 * ```ts
 * import { REFERENCE_FORMAT_NAMES, referenceFormatSpecs } from '@tukar/contracts';
 *
 * // Choices of a "format" dropdown in a contract editor
 * const options = REFERENCE_FORMAT_NAMES.map((name) => ({
 *   value: name,
 *   label: `${name}: ${referenceFormatSpecs[name].description}`,
 * }));
 * ```
 */
export const REFERENCE_FORMAT_NAMES = [
  'kode-wilayah-provinsi',
  'kode-wilayah-kabupaten',
  'kode-wilayah-kecamatan',
  'kode-wilayah-desa',
  'nik',
  'nip',
  'npsn',
  'npwp',
] as const;

/**
 * A reference-code format name.
 *
 * @example
 * ```ts
 * import { explainReferenceCode, isReferenceFormatName, type ReferenceFormatName } from '@tukar/contracts';
 *
 * // tukar-cek nik 3374011203850001
 * const [format = '', value = ''] = process.argv.slice(2);
 * if (!isReferenceFormatName(format)) throw new Error(`unknown format "${format}"`);
 * const name: ReferenceFormatName = format;
 * console.log(explainReferenceCode(name, value) ?? `valid ${name}`);
 * ```
 */
export type ReferenceFormatName = (typeof REFERENCE_FORMAT_NAMES)[number];

/** `true` when every character of `value` is an ASCII digit (and there is at least one). */
export function isDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `true` when year/month/day form a real date of the proleptic Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** Builds a {@link ReferenceFormat} whose `validate` is `explain(value) === undefined`. */
export function defineReferenceFormat(
  spec: Omit<ReferenceFormat, 'validate'> & { validate?: (value: string) => boolean },
): ReferenceFormat {
  const explain = spec.explain;
  return {
    name: spec.name,
    description: spec.description,
    example: spec.example,
    explain,
    validate: spec.validate ?? ((value: string) => explain(value) === undefined),
  };
}
