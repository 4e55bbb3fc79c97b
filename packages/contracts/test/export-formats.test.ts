// Plain JSON Schema (for other tools) and Frictionless Table Schema exports of the example contracts.
import { toJsonSchema, toTableSchema } from '@tukar/contracts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { exampleContracts } from './example-contracts';

describe('toJsonSchema', () => {
  it('every example contract gives a schema a plain strict ajv compiles, that accepts the examples', async () => {
    for (const { file, contract } of await exampleContracts()) {
      const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
      addFormats(ajv);
      const schema = toJsonSchema(contract);
      expect(JSON.stringify(schema), file).not.toMatch(/"x-/);
      const validate = ajv.compile(schema);
      for (const example of contract.examples ?? [])
        expect(validate(example) ? [] : validate.errors, file).toEqual([]);
    }
  });

  it('reference formats become their shape: a NIK of 15 digits is refused, x-pii is gone', async () => {
    const contract = (await exampleContracts()).find((c) =>
      c.file.endsWith('fixtures/dinkes.puskesmas.yaml'),
    )?.contract;
    if (!contract) throw new Error('fixture missing');
    const schema = toJsonSchema(contract) as { $defs: { pegawai: { properties: Record<string, unknown> } } };
    expect(schema.$defs.pegawai.properties.nik).toMatchObject({ type: 'string', pattern: '^[0-9]{16}$' });
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const example = contract.examples?.[0] ?? {};
    expect(validate(example)).toBe(true);
    expect(
      validate({ ...example, kepala: { nama: 'x', nip: '198503122010012001', nik: '320701520385000' } }),
    ).toBe(false);
    expect(validate({ ...example, kode_wilayah: '3207012008' })).toBe(false);
  });
});

describe('toTableSchema', () => {
  it('fields with types, constraints and the primary key', async () => {
    const contract = (await exampleContracts()).find((c) =>
      c.file.endsWith('fixtures/dinkes.puskesmas.yaml'),
    )?.contract;
    if (!contract) throw new Error('fixture missing');
    const table = toTableSchema(contract) as { fields: Record<string, unknown>[]; primaryKey: string[] };
    const byName = Object.fromEntries(table.fields.map((f) => [f.name, f]));
    expect(table.primaryKey).toEqual(['kode_puskesmas']);
    expect(byName.kode_puskesmas).toEqual({
      name: 'kode_puskesmas',
      type: 'string',
      constraints: { required: true, pattern: '^P[0-9]{10}$' },
    });
    expect(byName.nama).toMatchObject({
      type: 'string',
      constraints: { required: true, minLength: 3, maxLength: 120 },
    });
    expect(byName.rawat_inap).toMatchObject({ type: 'boolean' });
    expect(byName.jumlah_tempat_tidur).toEqual({
      name: 'jumlah_tempat_tidur',
      type: 'integer',
      constraints: { minimum: 0 },
    });
    expect(byName.akreditasi).toMatchObject({
      type: 'string',
      constraints: { enum: ['dasar', 'madya', 'utama', 'paripurna'] },
    });
    expect(byName.kepala).toMatchObject({ type: 'object' });
  });
});
