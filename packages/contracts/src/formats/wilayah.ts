import { defineReferenceFormat, isDigits, type ReferenceFormat } from './reference-format';
import { hasWilayahCode, type WilayahLevel } from './wilayah-data';

/**
 * Kode wilayah (Kemendagri area codes) are written in the dotted form the Kemendagri list uses:
 * provinsi `32`, kabupaten/kota `32.07`, kecamatan `32.07.01`, desa/kelurahan `32.07.01.2008`.
 * The dotted form is the only accepted form; {@link toDottedKodeWilayah} converts an undotted code.
 */
const SHAPES: Record<WilayahLevel, { re: RegExp; example: string; label: string; digits: number }> = {
  provinsi: { re: /^\d{2}$/, example: '32', label: 'provinsi', digits: 2 },
  kabupaten: { re: /^\d{2}\.\d{2}$/, example: '32.07', label: 'kabupaten/kota', digits: 4 },
  kecamatan: { re: /^\d{2}\.\d{2}\.\d{2}$/, example: '32.07.01', label: 'kecamatan', digits: 6 },
  desa: { re: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, example: '32.07.01.2008', label: 'desa/kelurahan', digits: 10 },
};
const PARENT: Record<WilayahLevel, WilayahLevel | undefined> = {
  provinsi: undefined,
  kabupaten: 'provinsi',
  kecamatan: 'kabupaten',
  desa: 'kecamatan',
};

/**
 * Converts an undotted kode wilayah (`3207012001`) to the dotted form (`32.07.01.2001`); returns an
 * already dotted code unchanged and `undefined` for anything that is not 2, 4, 6 or 10 digits.
 *
 * @example
 * ```ts
 * toDottedKodeWilayah('3207012001'); // '32.07.01.2001'
 * toDottedKodeWilayah('320701'); // '32.07.01'
 * ```
 */
export function toDottedKodeWilayah(code: string): string | undefined {
  if (/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(code)) return code;
  if (!isDigits(code)) return undefined;
  const parts = [code.slice(0, 2), code.slice(2, 4), code.slice(4, 6), code.slice(6)].filter((p) => p !== '');
  if (![2, 4, 6, 10].includes(code.length)) return undefined;
  return parts.join('.');
}

/**
 * `true` when `code` (dotted) is in the Kemendagri list at `level`.
 *
 * @example
 * ```ts
 * isKodeWilayah('kecamatan', '32.07.01'); // true (Kecamatan Ciamis)
 * ```
 */
export function isKodeWilayah(level: WilayahLevel, code: string): boolean {
  return hasWilayahCode(level, code);
}

function explainWilayah(level: WilayahLevel, value: string): string | undefined {
  const shape = SHAPES[level];
  if (!shape.re.test(value)) {
    const dotted = isDigits(value) && value.length === shape.digits ? toDottedKodeWilayah(value) : undefined;
    return dotted
      ? `must be written in the dotted form; write ${dotted}`
      : `must be a ${shape.label} code in the dotted form, e.g. ${shape.example}`;
  }
  if (hasWilayahCode(level, value)) return undefined;
  const parentLevel = PARENT[level];
  if (parentLevel) {
    const parent = value.slice(0, value.lastIndexOf('.'));
    if (!hasWilayahCode(parentLevel, parent)) {
      return `is not in the Kemendagri list; its ${SHAPES[parentLevel].label} ${parent} does not exist`;
    }
    return `is not in the Kemendagri list; ${SHAPES[parentLevel].label} ${parent} has no ${shape.label} ${value}`;
  }
  return `is not a provinsi code in the Kemendagri list`;
}

function wilayahFormat(level: WilayahLevel): ReferenceFormat {
  const shape = SHAPES[level];
  return defineReferenceFormat({
    name: `kode-wilayah-${level}` as ReferenceFormat['name'],
    description: `Kemendagri ${shape.label} code, dotted (${shape.example}), checked against the idn-area-data list`,
    example: shape.example,
    explain: (value) => explainWilayah(level, value),
    validate: (value) => shape.re.test(value) && hasWilayahCode(level, value),
  });
}

/** `kode-wilayah-provinsi`: `32` (Jawa Barat). */
export const kodeWilayahProvinsi = wilayahFormat('provinsi');
/** `kode-wilayah-kabupaten`: `32.07` (Kabupaten Ciamis). */
export const kodeWilayahKabupaten = wilayahFormat('kabupaten');
/** `kode-wilayah-kecamatan`: `32.07.01` (Kecamatan Ciamis). */
export const kodeWilayahKecamatan = wilayahFormat('kecamatan');
/** `kode-wilayah-desa`: `32.07.01.2008` (Desa Pawindan). */
export const kodeWilayahDesa = wilayahFormat('desa');
