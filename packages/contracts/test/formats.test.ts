import {
  addReferenceFormats,
  explainReferenceCode,
  isValidReferenceCode,
  REFERENCE_FORMAT_NAMES,
  referenceFormatSpecs,
  toDottedKodeWilayah,
  wilayahCodes,
} from '@tukar/contracts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
// Internal: the ajv format functions (users check codes with isValidReferenceCode).
import { referenceFormats } from '../src/formats/index';

describe('kode-wilayah formats (Kemendagri list from idn-area-data)', () => {
  it('accepts real Ciamis codes at every level in the dotted form', () => {
    expect(isValidReferenceCode('kode-wilayah-provinsi', '32')).toBe(true);
    expect(isValidReferenceCode('kode-wilayah-kabupaten', '32.07')).toBe(true);
    expect(isValidReferenceCode('kode-wilayah-kecamatan', '32.07.01')).toBe(true);
    expect(isValidReferenceCode('kode-wilayah-desa', '32.07.01.2008')).toBe(true); // Pawindan
    expect(isValidReferenceCode('kode-wilayah-desa', '32.07.01.1001')).toBe(true); // Kelurahan Ciamis
  });

  it('rejects a nonexistent desa and says which kecamatan lacks it', () => {
    expect(isValidReferenceCode('kode-wilayah-desa', '32.07.01.2001')).toBe(false);
    expect(explainReferenceCode('kode-wilayah-desa', '32.07.01.2001')).toMatch(/kecamatan 32.07.01 has no/);
    expect(explainReferenceCode('kode-wilayah-kecamatan', '32.99.01')).toMatch(
      /kabupaten\/kota 32.99 does not exist/,
    );
    expect(isValidReferenceCode('kode-wilayah-provinsi', '10')).toBe(false);
  });

  it('accepts only the dotted form, and tells how to write an undotted code', () => {
    expect(isValidReferenceCode('kode-wilayah-desa', '3207012008')).toBe(false);
    expect(explainReferenceCode('kode-wilayah-desa', '3207012008')).toContain('32.07.01.2008');
    expect(toDottedKodeWilayah('3207012008')).toBe('32.07.01.2008');
    expect(toDottedKodeWilayah('320701')).toBe('32.07.01');
    expect(toDottedKodeWilayah('32070')).toBeUndefined();
  });

  it('reads each level once into a set', () => {
    expect(wilayahCodes('desa')).toBe(wilayahCodes('desa'));
    expect(wilayahCodes('desa').size).toBeGreaterThan(80_000);
    expect(wilayahCodes('provinsi').size).toBe(38);
  });
});

describe('nik', () => {
  it('accepts a man and a woman (day + 40) born in Kecamatan Ciamis', () => {
    expect(isValidReferenceCode('nik', '3207011203850001')).toBe(true);
    expect(isValidReferenceCode('nik', '3207015203850002')).toBe(true);
  });

  it('rejects 31 February, a 15-digit NIK, sequence 0000, an unknown kecamatan, day 72', () => {
    expect(explainReferenceCode('nik', '3207013102850001')).toMatch(/31-02-85 does not exist/);
    expect(explainReferenceCode('nik', '320701120385001')).toMatch(/16 digits \(it has 15/);
    expect(explainReferenceCode('nik', '3207011203850000')).toMatch(/0000/);
    expect(explainReferenceCode('nik', '3299011203850001')).toMatch(/32.99.01 is not/);
    expect(isValidReferenceCode('nik', '3207017203850001')).toBe(false); // 72 - 40 = 32
  });

  it('accepts 29 February only when 19YY or 20YY is a leap year', () => {
    expect(isValidReferenceCode('nik', '3207012902000001')).toBe(true); // 2000
    expect(isValidReferenceCode('nik', '3207012902010001')).toBe(false); // 1901 and 2001
  });

  it('never accepts a non-string', () => {
    expect(isValidReferenceCode('nik', 3207011203850001)).toBe(false);
    expect(explainReferenceCode('nik', null)).toMatch(/string, not null/);
  });
});

describe('nip', () => {
  it('accepts a real NIP', () => {
    expect(isValidReferenceCode('nip', '198503122010011001')).toBe(true);
    expect(isValidReferenceCode('nip', '198503122010012001')).toBe(true);
  });

  it('rejects birth month 13, appointment month 13, gender 3, sequence 000 and a short NIP', () => {
    expect(explainReferenceCode('nip', '198513122010011001')).toMatch(/1985-13-12 does not exist/);
    expect(explainReferenceCode('nip', '198503122010131001')).toMatch(/2010-13 is not a real month/);
    expect(explainReferenceCode('nip', '198503122010013001')).toMatch(/gender/);
    expect(explainReferenceCode('nip', '198503122010011000')).toMatch(/000/);
    expect(isValidReferenceCode('nip', '19850312201001100')).toBe(false);
  });
});

describe('npsn and npwp', () => {
  it('npsn is 8 digits', () => {
    expect(isValidReferenceCode('npsn', '20211234')).toBe(true);
    expect(isValidReferenceCode('npsn', '2021123')).toBe(false);
    expect(isValidReferenceCode('npsn', '2021123A')).toBe(false);
  });

  it('npwp accepts 15 digits, the punctuated form and 16 digits (0-prefixed or a valid NIK)', () => {
    expect(isValidReferenceCode('npwp', '123456789012345')).toBe(true);
    expect(isValidReferenceCode('npwp', '12.345.678.9-012.345')).toBe(true);
    expect(isValidReferenceCode('npwp', '0123456789012345')).toBe(true);
    expect(isValidReferenceCode('npwp', '3207011203850001')).toBe(true);
    expect(explainReferenceCode('npwp', '3207013102850001')).toMatch(/must be a NIK/);
    expect(isValidReferenceCode('npwp', '12.345.678.9-012.34')).toBe(false);
    expect(isValidReferenceCode('npwp', '1234567890123')).toBe(false);
  });
});

describe('registration on ajv', () => {
  it('exposes every format as a validate function and registers them on ajv', () => {
    expect(Object.keys(referenceFormats).sort()).toEqual([...REFERENCE_FORMAT_NAMES].sort());
    const ajv = addReferenceFormats(new Ajv2020());
    for (const name of REFERENCE_FORMAT_NAMES) {
      const example = referenceFormatSpecs[name].example;
      expect(referenceFormats[name](example), `${name} example ${example}`).toBe(true);
      expect(ajv.validate({ type: 'string', format: name }, example)).toBe(true);
      expect(ajv.validate({ type: 'string', format: name }, 'x')).toBe(false);
    }
  });
});
