import { defineReferenceFormat, isDigits } from './reference-format';

/**
 * Why an NPSN (Nomor Pokok Sekolah Nasional, the Kemendikbud school number) is not valid, or `undefined`.
 * An NPSN is 8 digits. The national school list is not shipped, so existence is not checked.
 *
 * @example
 * ```ts
 * explainNpsn('20211234'); // undefined (valid)
 * explainNpsn('2021123'); // 'must be exactly 8 digits (it has 7 characters)'
 * ```
 */
export function explainNpsn(value: string): string | undefined {
  if (value.length === 8 && isDigits(value)) return undefined;
  return `must be exactly 8 digits (it has ${value.length} characters${isDigits(value) ? '' : ', not all digits'})`;
}

/** `npsn`: 8-digit Nomor Pokok Sekolah Nasional. */
export const npsnFormat = defineReferenceFormat({
  name: 'npsn',
  description: '8 digits (existence not checked: the national school list is not shipped)',
  example: '20211234',
  explain: explainNpsn,
});
