import { fileURLToPath } from 'node:url';
import {
  type Contract,
  ContractError,
  clearCompiledContracts,
  compileContract,
  loadContract,
} from '@tukar/contracts';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

let contract: Contract;
beforeAll(async () => {
  const result = await loadContract(
    fileURLToPath(new URL('./fixtures/dinkes.puskesmas.yaml', import.meta.url)),
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  contract = result.contract;
});
beforeEach(() => clearCompiledContracts());

const good = {
  kode_puskesmas: 'P3207010101',
  nama: 'Puskesmas Ciamis',
  kode_wilayah: '32.07.01.2008',
  kecamatan: '32.07.01',
  rawat_inap: true,
  kepala: { nama: 'dr. Siti Aminah', nip: '198503122010012001', nik: '3207015203850002' },
};

/** A deterministic pseudo-random generator, so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('compileContract', () => {
  it('check and validate agree on 2,000 mutated records', () => {
    const compiled = compileContract(contract);
    const random = rng(42);
    const mutations: Array<(r: Record<string, unknown>) => void> = [
      () => {},
      (r) => delete r.nama,
      (r) => (r.kode_wilayah = '32.07.01.9999'),
      (r) => (r.kecamatan = '3207'),
      (r) => (r.rawat_inap = 'ya'),
      (r) => (r.jumlah_tempat_tidur = -1),
      (r) => (r.jumlah_tempat_tidur = null),
      (r) => (r.extra = 1),
      (r) => (r.akreditasi = 'istimewa'),
      (r) => ((r.kepala as Record<string, unknown>).nik = '3207013102850001'),
      (r) => ((r.kepala as Record<string, unknown>).nip = '198513122010011001'),
      (r) => (r.kode_puskesmas = `P${Math.floor(random() * 1e10)}`),
    ];
    let valid = 0;
    for (let i = 0; i < 2000; i++) {
      const record = structuredClone(good) as Record<string, unknown>;
      const count = Math.floor(random() * 3);
      for (let k = 0; k < count; k++) mutations[Math.floor(random() * mutations.length)]?.(record);
      const ok = compiled.check(record);
      const issues = compiled.validate(record);
      expect(ok, JSON.stringify(record)).toBe(issues.length === 0);
      if (ok) valid++;
    }
    expect(valid).toBeGreaterThan(100);
    expect(valid).toBeLessThan(1900);
  });

  it('validate names the field, with stable codes and pointers', () => {
    const issues = compileContract(contract).validate({
      ...good,
      nama: undefined,
      kode_wilayah: '32.07.01.9999',
      extra: 1,
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['required', '/nama'],
      ['additionalProperties', '/extra'],
      ['format', '/kode_wilayah'],
    ]);
    expect(issues[0]?.message).toBe('Field "nama" is required but missing.');
    expect(issues[2]?.message).toMatch(/kecamatan 32.07.01 has no desa\/kelurahan 32.07.01.9999/);
  });

  it('masks x-pii values in messages and never shows the birth date of an invalid NIK', () => {
    const record = { ...good, kepala: { nama: 42, nip: good.kepala.nip, nik: '3207013102850001' } };
    const issues = compileContract(contract).validate(record);
    const text = JSON.stringify(issues);
    expect(text).not.toContain('3207013102850001');
    expect(text).not.toContain('31-02-85');
    const nik = issues.find((i) => i.path === '/kepala/nik');
    expect(nik?.message).toBe(
      'Field "kepala.nik" "3207**********01" is not a valid nik: digits 7–12 must be the birth date DDMMYY (women: DD + 40).',
    );
    expect(compileContract(contract).piiPaths).toEqual(['/kepala/nama', '/kepala/nik']);
  });

  it('keyOf encodes the primary key as the hub RecordKey', () => {
    const compiled = compileContract({ ...contract, primaryKey: ['kecamatan', 'nama'] });
    expect(compiled.keyOf({ kecamatan: '32.07.01', nama: 'Puskesmas Ciamis, Kota' })).toBe(
      '32.07.01,Puskesmas%20Ciamis%2C%20Kota',
    );
    expect(() => compiled.keyOf({ kecamatan: '32.07.01' })).toThrowError(
      expect.objectContaining({ code: 'primary_key_missing', message: expect.stringMatching(/"nama"/) }),
    );
  });

  it('returns the cached object for the same contract, version and schema', () => {
    const first = compileContract(contract);
    expect(compileContract(structuredClone(contract))).toBe(first);
    expect(compileContract({ ...contract, version: '1.3.0' })).not.toBe(first);
    clearCompiledContracts();
    expect(compileContract(contract)).not.toBe(first);
  });

  it('throws a ContractError for a schema the loader would have refused', () => {
    const bad = {
      ...contract,
      schema: { type: 'object', properties: { a: { type: 'string', format: 'tanggal' } } },
    };
    expect(() => compileContract(bad)).toThrowError(ContractError);
    expect(() => compileContract(bad)).toThrowError(expect.objectContaining({ code: 'unknown_format' }));
    const strict = { ...contract, schema: { type: 'object', properties: { a: { maxLength: 1 } } } };
    expect(() => compileContract(strict)).toThrowError(expect.objectContaining({ code: 'invalid_schema' }));
  });
});
