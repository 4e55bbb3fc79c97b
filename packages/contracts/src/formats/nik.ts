import { defineReferenceFormat, isDigits, isRealDate } from './reference-format';
import { hasWilayahCode } from './wilayah-data';

/**
 * Why a NIK (Nomor Induk Kependudukan) is not valid, or `undefined` when it is.
 *
 * A NIK is 16 digits: `PPKKCC` the kecamatan of registration (checked against the Kemendagri list),
 * `DDMMYY` the birth date (women add 40 to the day; the date must exist in 19YY or 20YY),
 * then a 4-digit sequence that is not `0000`.
 *
 * @example
 * ```ts
 * explainNik('3207011203850001'); // undefined (valid)
 * explainNik('3207013102850001'); // 'birth date 31-02-85 does not exist'
 * ```
 */
export function explainNik(value: string): string | undefined {
  if (value.length !== 16 || !isDigits(value)) {
    return `must be exactly 16 digits (it has ${value.length} characters${isDigits(value) ? '' : ', not all digits'})`;
  }
  const kecamatan = `${value.slice(0, 2)}.${value.slice(2, 4)}.${value.slice(4, 6)}`;
  if (!hasWilayahCode('kecamatan', kecamatan)) {
    return `digits 1–6 must be a kecamatan code in the Kemendagri list; ${kecamatan} is not`;
  }
  const rawDay = Number(value.slice(6, 8));
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  const month = Number(value.slice(8, 10));
  const yy = Number(value.slice(10, 12));
  if (!isRealDate(1900 + yy, month, day) && !isRealDate(2000 + yy, month, day)) {
    const shown = `${String(day).padStart(2, '0')}-${value.slice(8, 10)}-${value.slice(10, 12)}`;
    return `digits 7–12 must be the birth date DDMMYY (women: DD + 40); ${shown} does not exist`;
  }
  if (value.endsWith('0000')) return 'the last 4 digits (sequence number) must not be 0000';
  return undefined;
}

/** `nik`: 16-digit Nomor Induk Kependudukan with its kecamatan and birth date checked. */
export const nikFormat = defineReferenceFormat({
  name: 'nik',
  description:
    '16 digits: kecamatan code (checked), birth date DDMMYY (women DD+40, real date), sequence ≠ 0000',
  example: '3207011203850001',
  explain: explainNik,
});
