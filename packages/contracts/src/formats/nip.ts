import { defineReferenceFormat, isDigits, isRealDate } from './reference-format';

/**
 * Why a NIP (Nomor Induk Pegawai, civil-servant number) is not valid, or `undefined` when it is.
 *
 * A NIP is 18 digits: `YYYYMMDD` birth date (a real date, year 1900–2099), `YYYYMM` month of appointment
 * (TMT CPNS, a real month, year 1900–2099), a gender digit (`1` man, `2` woman) and a 3-digit sequence
 * that is not `000`.
 *
 * @example
 * ```ts
 * explainNip('198503122010011001'); // undefined (valid)
 * explainNip('198513122010011001'); // 'digits 1–8 must be the birth date YYYYMMDD; 1985-13-12 does not exist'
 * ```
 */
export function explainNip(value: string): string | undefined {
  if (value.length !== 18 || !isDigits(value)) {
    return `must be exactly 18 digits (it has ${value.length} characters${isDigits(value) ? '' : ', not all digits'})`;
  }
  const birthYear = Number(value.slice(0, 4));
  const birthMonth = Number(value.slice(4, 6));
  const birthDay = Number(value.slice(6, 8));
  if (birthYear < 1900 || birthYear > 2099 || !isRealDate(birthYear, birthMonth, birthDay)) {
    return `digits 1–8 must be the birth date YYYYMMDD; ${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)} does not exist`;
  }
  const tmtYear = Number(value.slice(8, 12));
  const tmtMonth = Number(value.slice(12, 14));
  if (tmtYear < 1900 || tmtYear > 2099 || tmtMonth < 1 || tmtMonth > 12) {
    return `digits 9–14 must be the appointment month YYYYMM; ${value.slice(8, 12)}-${value.slice(12, 14)} is not a real month`;
  }
  const gender = value[14];
  if (gender !== '1' && gender !== '2') return `digit 15 is the gender and must be 1 or 2, not ${gender}`;
  if (value.endsWith('000')) return 'the last 3 digits (sequence number) must not be 000';
  return undefined;
}

/** `nip`: 18-digit Nomor Induk Pegawai (PNS) with its dates and gender digit checked. */
export const nipFormat = defineReferenceFormat({
  name: 'nip',
  description: '18 digits: birth date YYYYMMDD (real), appointment YYYYMM (real), gender 1|2, sequence ≠ 000',
  example: '198503122010011001',
  explain: explainNip,
});
