// tukar contract init --sample: inference from 10,000 records generated from each example contract finds
// the hand-written contract's required fields, types and reference formats.
import {
  type Contract,
  compileContract,
  inferFromRecords,
  parseContract,
  renderImportYaml,
} from '@tukar/contracts';
import { describe, expect, it } from 'vitest';
import { inlineRefs } from '../src/export/inline-refs';
import { exampleContracts } from './example-contracts';
import { sampleRecords } from './sample-records';
import { shape } from './schema-shape';

type Schema = Record<string, unknown>;

describe('inferFromRecords', () => {
  it('10,000 generated records of each example contract give back its required fields, types and reference formats', async () => {
    for (const { file, contract } of await exampleContracts()) {
      const records = sampleRecords(contract, 10_000);
      const compiled = compileContract(contract);
      expect(
        records.filter((r) => !compiled.check(r)),
        `${file}: the generator makes valid records`,
      ).toEqual([]);
      const result = inferFromRecords(records, {
        name: contract.contract.split('.')[1],
        contract: contract.contract,
      });
      const inferred = result.contract.schema as Schema;
      const original = inlineRefs(contract.schema, contract.schema) as Schema;
      expect(shape(inferred), file).toEqual(shape(original));
      const loaded = parseContract(renderImportYaml(result));
      if (!loaded.ok) throw new Error(`${file}: ${loaded.problems.map((p) => p.message).join('; ')}`);
      const check = compileContract(loaded.contract);
      expect(
        records.slice(0, 2000).filter((r) => !check.check(r)),
        file,
      ).toEqual([]);
    }
  }, 180_000);

  it('infers a composite key, enums and PII from a small person table', () => {
    const records = Array.from({ length: 60 }, (_, i) => ({
      kode_desa: i % 2 === 0 ? '32.07.01.2008' : '32.07.02.2001',
      semester: `2024-${(i % 2) + 1}`,
      tahun: 2000 + Math.floor(i / 2),
      nik: '3207015203850002',
      nama_lengkap: `Warga ${i % 5}`,
      status: ['aktif', 'pindah', 'meninggal'][i % 3],
    }));
    const result = inferFromRecords(records, { name: 'penduduk' });
    const contract = result.contract as Contract;
    expect(contract.primaryKey).toEqual(['kode_desa', 'tahun']); // no single field is unique
    const properties = (contract.schema as { properties: Record<string, Schema> }).properties;
    expect(properties.status).toEqual({ type: 'string', enum: ['aktif', 'meninggal', 'pindah'] });
    expect(properties.kode_desa).toMatchObject({ format: 'kode-wilayah-desa' });
    expect(properties.nik).toMatchObject({ format: 'nik', 'x-pii': true });
    expect(properties.nama_lengkap).toMatchObject({ 'x-pii': true });
    expect(contract.classification).toBe('terbatas');
    expect(result.decisions.some((d) => d.message.startsWith('primaryKey ['))).toBe(true);
  });
});
