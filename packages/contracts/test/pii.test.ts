import { isPiiField, isPiiPointer, maskRecord, maskValue, piiPaths } from '@tukar/contracts';
import { describe, expect, it } from 'vitest';

const schema = {
  type: 'object',
  properties: {
    nik: { type: 'string', 'x-pii': true },
    kota: { type: 'string' },
    kepala: { $ref: '#/$defs/orang' },
    anggota: { type: 'array', items: { $ref: '#/$defs/orang' } },
    alamat: { type: 'object', 'x-pii': true, properties: { jalan: { type: 'string' } } },
  },
  $defs: {
    orang: {
      type: 'object',
      properties: { nama: { type: 'string', 'x-pii': true }, atasan: { $ref: '#/$defs/orang' } },
    },
  },
};

describe('maskValue', () => {
  it('keeps the first 4 and last 2 characters of long values', () => {
    expect(maskValue('3207011203850001')).toBe('3207**********01');
  });
  it('keeps the first and last character of 4–11 characters, hides shorter values entirely', () => {
    expect(maskValue('Siti Aminah')).toBe('S*********h');
    expect(maskValue('Budi')).toBe('B**i');
    expect(maskValue('Ani')).toBe('***');
    expect(maskValue(3207011203850001)).toBe('3207**********01');
    expect(maskValue(null)).toBeNull();
    expect(maskValue({ a: 'Budi', b: ['Siti Aminah'] })).toEqual({ a: 'B**i', b: ['S*********h'] });
  });
});

describe('piiPaths', () => {
  it('follows $ref, nested objects and arrays, and follows a recursive ref once', () => {
    expect(piiPaths(schema)).toEqual(['/alamat', '/anggota/*/nama', '/kepala/nama', '/nik']);
  });
  it('isPiiField follows recursive refs to any depth', () => {
    expect(isPiiField(schema, '/kepala/atasan/atasan/nama')).toBe(true);
    expect(isPiiField(schema, '/anggota/0/atasan/nama')).toBe(true);
    expect(isPiiField(schema, '/kota')).toBe(false);
    expect(isPiiField(schema, '/tidak/ada')).toBe(false);
  });
  it('matches record pointers against wildcard paths', () => {
    const paths = piiPaths(schema);
    expect(isPiiPointer(paths, '/anggota/3/nama')).toBe(true);
    expect(isPiiPointer(paths, '/alamat/jalan')).toBe(true);
    expect(isPiiPointer(paths, '/kota')).toBe(false);
  });
});

describe('maskRecord', () => {
  it('returns a masked deep copy and leaves the input alone', () => {
    const record = {
      nik: '3207011203850001',
      kota: 'Ciamis',
      kepala: { nama: 'dr. Siti Aminah', atasan: { nama: 'Dedi Mulyadi', atasan: { nama: 'Herdiat' } } },
      anggota: [{ nama: 'Budi Santoso' }, { nama: 'Ani' }],
      alamat: { jalan: 'Jl. Jend. Sudirman 1' },
    };
    const before = structuredClone(record);
    expect(maskRecord(schema, record)).toEqual({
      nik: '3207**********01',
      kota: 'Ciamis',
      kepala: { nama: 'dr. *********ah', atasan: { nama: 'Dedi******di', atasan: { nama: 'H*****t' } } },
      anggota: [{ nama: 'Budi******so' }, { nama: '***' }],
      alamat: { jalan: 'Jl. ************** 1' },
    });
    expect(record).toEqual(before);
  });
});
