import { explainNik } from './nik';
import { defineReferenceFormat, isDigits } from './reference-format';

const PUNCTUATED = /^\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}$/;

/**
 * Why an NPWP (Nomor Pokok Wajib Pajak, tax number) is not valid, or `undefined` when it is.
 *
 * Accepted: the 15-digit NPWP (`012345678901234`), its punctuated form (`01.234.567.8-901.234`), and the
 * 16-digit NPWP (PMK 112/2022): either `0` followed by the 15-digit NPWP, or the holder's NIK, which is
 * then checked as a `nik`.
 *
 * @example
 * ```ts
 * explainNpwp('12.345.678.9-012.345'); // undefined (valid)
 * explainNpwp('3207011203850001'); // undefined (NIK-based NPWP)
 * explainNpwp('12345'); // 'must be 15 digits (…)'
 * ```
 */
export function explainNpwp(value: string): string | undefined {
  if (PUNCTUATED.test(value)) return undefined;
  if (!isDigits(value) || (value.length !== 15 && value.length !== 16)) {
    return `must be 15 digits (optionally written 12.345.678.9-012.345) or 16 digits (NIK-based); got ${value.length} characters`;
  }
  if (value.length === 15 || value.startsWith('0')) return undefined;
  const nik = explainNik(value);
  return nik ? `is 16 digits, so it must be a NIK: it ${nik}` : undefined;
}

/** `npwp`: 15-digit (or punctuated) or 16-digit NIK-based Nomor Pokok Wajib Pajak. */
export const npwpFormat = defineReferenceFormat({
  name: 'npwp',
  description: '15 digits or 12.345.678.9-012.345, or 16 digits (0 + 15-digit NPWP, or a valid NIK)',
  example: '12.345.678.9-012.345',
  explain: explainNpwp,
});
