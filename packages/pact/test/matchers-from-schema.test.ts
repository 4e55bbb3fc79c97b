import { describe, expect, it } from 'vitest';
import { exampleFromSchema } from '../src/example-from-schema';
import { pactRegexFromPattern } from '../src/format-patterns';
import { matchersFromSchema, PactError } from '../src/index';
import { exampleOfTemplate } from '../src/matchers-from-schema';
import { exampleContract } from './helpers';

const puskesmas = await exampleContract('dinkes.puskesmas');
const record = puskesmas.examples![0]!;

describe('matchersFromSchema', () => {
  it('turns a puskesmas record into "a record like this": regexes, enums, types, nested objects', () => {
    const template = matchersFromSchema(puskesmas.schema, record) as Record<string, unknown>;
    expect(template.kode_puskesmas).toEqual({
      'pact:matcher:type': 'regex',
      regex: '^P[0-9]{10}$',
      value: 'P3207010101',
    });
    expect(template.kode_wilayah).toEqual({
      'pact:matcher:type': 'regex',
      regex: '^\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}$',
      value: '32.07.01.1001',
    });
    expect(template.jenis).toEqual({
      'pact:matcher:type': 'regex',
      regex: '^(?:rawat inap|non rawat inap)$',
      value: 'rawat inap',
    });
    expect(template.nama).toEqual({
      'pact:matcher:type': 'regex',
      regex: '^[\\s\\S]{3,120}$',
      value: 'Puskesmas Ciamis',
    });
    expect(template.alamat).toMatchObject({ 'pact:matcher:type': 'regex', regex: '^[\\s\\S]{0,250}$' });
    expect(template.koordinat).toEqual({
      lat: { 'pact:matcher:type': 'number', value: -7.3275 },
      lon: { 'pact:matcher:type': 'number', value: 108.3535 },
    });
    expect(template.jumlah_tenaga_kesehatan).toEqual({ 'pact:matcher:type': 'integer', value: 68 });
    // The example's optional fields are in the template; its values are what the mock answers.
    expect(template.telepon).toMatchObject({ 'pact:matcher:type': 'regex', value: '(0265) 771234' });
    expect(exampleOfTemplate(template)).toEqual(record);
  });

  it("lists only the required fields with properties: 'required' (records differ in optional ones)", () => {
    const template = matchersFromSchema(puskesmas.schema, record, { properties: 'required' }) as Record<
      string,
      unknown
    >;
    expect(Object.keys(template).sort()).toEqual([...(puskesmas.schema.required as string[])].sort());
  });

  it('makes up values from the schema when no example is given', () => {
    const template = matchersFromSchema(puskesmas.schema);
    const example = exampleOfTemplate(template) as Record<string, unknown>;
    expect(example.kode_puskesmas).toMatch(/^P[0-9]{10}$/);
    expect(example.kode_wilayah).toBe('32.07.01.2008');
    expect(example.jenis).toBe('rawat inap');
    expect(example.jumlah_tenaga_kesehatan).toBe(500);
    expect(example.koordinat).toEqual({ lat: expect.any(Number), lon: expect.any(Number) });
    // The same every run, so pact files do not churn.
    expect(exampleOfTemplate(matchersFromSchema(puskesmas.schema))).toEqual(example);
  });

  it('matches arrays with eachLike semantics and their minItems/maxItems', () => {
    const schema = {
      type: 'object',
      properties: {
        tags: { type: 'array', minItems: 1, maxItems: 5, items: { type: 'string', format: 'date' } },
        layanan: {
          type: 'array',
          items: { type: 'object', required: ['kode'], properties: { kode: { type: 'integer' } } },
        },
      },
    };
    const template = matchersFromSchema(schema, {
      tags: ['2025-03-10', '2025-03-11'],
      layanan: [{ kode: 1 }],
    }) as Record<string, unknown>;
    expect(template.tags).toEqual({
      'pact:matcher:type': 'type',
      min: 1,
      max: 5,
      value: [
        { 'pact:matcher:type': 'regex', regex: expect.stringContaining('\\d{4}-'), value: '2025-03-10' },
      ],
    });
    expect(template.layanan).toEqual({
      'pact:matcher:type': 'type',
      min: 0,
      value: [{ kode: { 'pact:matcher:type': 'integer', value: 1 } }],
    });
  });

  it('follows local $refs and allOf, and picks the anyOf branch that suits the example', () => {
    const schema = {
      $defs: { kode: { type: 'string', pattern: '^K[0-9]+$' } },
      type: 'object',
      properties: {
        a: { $ref: '#/$defs/kode' },
        b: { allOf: [{ type: 'object', properties: { x: { type: 'boolean' } } }, { required: ['x'] }] },
        c: { anyOf: [{ type: 'integer' }, { type: 'string', format: 'email' }] },
        d: { type: ['string', 'null'] },
      },
    };
    const template = matchersFromSchema(schema, {
      a: 'K1',
      b: { x: true },
      c: 'simpus@dinkes.example.go.id',
      d: null,
    }) as Record<string, unknown>;
    expect(template.a).toEqual({ 'pact:matcher:type': 'regex', regex: '^K[0-9]+$', value: 'K1' });
    expect(template.b).toEqual({ x: { 'pact:matcher:type': 'boolean', value: true } });
    expect(template.c).toMatchObject({ 'pact:matcher:type': 'regex', value: 'simpus@dinkes.example.go.id' });
    expect(template.d).toEqual({ 'pact:matcher:type': 'null', value: null });
  });

  it('matches ISO date-times, NIK and const values', () => {
    const schema = {
      type: 'object',
      properties: {
        at: { type: 'string', format: 'date-time' },
        nik: { type: 'string', format: 'nik', 'x-pii': true },
        versi: { const: 2 },
      },
    };
    const template = matchersFromSchema(schema, {
      at: '2025-03-10T08:00:00+07:00',
      nik: '3207011203850001',
      versi: 2,
    }) as Record<string, { regex?: string }>;
    expect(new RegExp(template.at!.regex!).test('2025-03-10T08:00:00.123Z')).toBe(true);
    expect(new RegExp(template.at!.regex!).test('10/03/2025')).toBe(false);
    expect(template.nik).toMatchObject({ regex: '^\\d{16}$' });
    expect(template.versi).toEqual({ 'pact:matcher:type': 'equality', value: 2 });
  });

  it('refuses an example that breaks its own schema, naming the field', () => {
    const bad = (example: Record<string, unknown>) => () => matchersFromSchema(puskesmas.schema, example);
    expect(bad({ ...record, kode_puskesmas: 'PKM-01' })).toThrow(
      /example value at \/kode_puskesmas "PKM-01" does not match the pattern \^P\[0-9\]\{10\}\$/,
    );
    expect(bad({ ...record, jenis: 'klinik' })).toThrow(
      /\/jenis is "klinik", not one of "rawat inap", "non rawat inap"/,
    );
    expect(bad({ ...record, jumlah_tenaga_kesehatan: '68' })).toThrow(
      /\/jumlah_tenaga_kesehatan is a string "68", the schema wants integer/,
    );
    expect(bad({ ...record, koordinat: { lat: -7.3 } })).toThrow(
      /\/koordinat\/lon is missing, and the schema requires it/,
    );
    expect(bad({ ...record, warna: 'hijau' })).toThrow(/\/warna is a field the schema does not allow/);
    expect(bad({ ...record, kode_wilayah: '3207011001' })).toThrow(
      /\/kode_wilayah "3207011001" is not a valid kode-wilayah-desa/,
    );
    expect(bad({ ...record, nama: 'x'.repeat(121) })).toThrow(
      /\/nama is 121 characters long, over maxLength 120/,
    );
    const thrown = (() => {
      try {
        bad({ ...record, jenis: 1 })();
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(PactError);
    expect((thrown as PactError).code).toBe('invalid_schema');
  });

  it('refuses hostile and missing input with clear errors', () => {
    expect(() => matchersFromSchema(null)).toThrow(/schema must be a JSON Schema object, got null/);
    expect(() => matchersFromSchema('string')).toThrow(/got string/);
    expect(() => matchersFromSchema({ type: 'object' }, {}, { properties: 'all' as never })).toThrow(
      /options.properties/,
    );
    expect(() => matchersFromSchema({ $ref: '#/$defs/missing' })).toThrow(
      /\$ref "#\/\$defs\/missing" does not resolve/,
    );
    expect(() => matchersFromSchema({ $ref: 'https://example.go.id/schema.json' })).toThrow(
      /points outside the contract/,
    );
    const loop = { $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' };
    expect(() => matchersFromSchema(loop)).toThrow(/nested too deeply/);
    let deep: Record<string, unknown> = { type: 'string' };
    let value: unknown = 'x';
    for (let i = 0; i < 200; i++) {
      deep = { type: 'object', properties: { n: deep } };
      value = { n: value };
    }
    expect(() => matchersFromSchema(deep, value)).toThrow(/nested too deeply/);
    expect(() => matchersFromSchema({ type: 'number' }, Number.NaN)).toThrow(/not a JSON number/);
    expect(() => matchersFromSchema({ type: 'string', pattern: '([' }, 'x')).toThrow(
      /pattern \(\[ is not a valid regex/,
    );
    expect(() => matchersFromSchema(false)).toThrow(/no value can match it/);
  });

  it('falls back to type matching for patterns the Pact core cannot run', () => {
    expect(matchersFromSchema({ type: 'string', pattern: '^(?!PKM)[A-Z]+$' }, 'ABC')).toEqual({
      'pact:matcher:type': 'type',
      value: 'ABC',
    });
  });
});

describe('pactRegexFromPattern and exampleFromSchema', () => {
  it('anchors unanchored JSON Schema patterns so a whole-value Pact regex means the same', () => {
    expect(pactRegexFromPattern('^P[0-9]{10}$')).toBe('^P[0-9]{10}$');
    const regex = new RegExp(pactRegexFromPattern('[0-9]{3}')!);
    expect(regex.test('abc 123 def')).toBe(true);
    expect(regex.test('abc')).toBe(false);
    expect(pactRegexFromPattern('^a(?=b)')).toBeUndefined();
  });

  it('generates values within bounds', () => {
    expect(exampleFromSchema({ type: 'integer', minimum: 10, maximum: 20 })).toBe(15);
    expect(exampleFromSchema({ type: 'number', exclusiveMaximum: 0 })).toBeLessThan(0);
    expect(exampleFromSchema({ type: 'string', minLength: 12 })).toHaveLength(12);
    expect(exampleFromSchema({ type: 'string', maxLength: 3 })).toHaveLength(3);
    expect(exampleFromSchema({ type: 'array', minItems: 2, items: { type: 'boolean' } })).toEqual([
      true,
      true,
    ]);
    expect(exampleFromSchema({ type: 'string', examples: ['contoh'] })).toBe('contoh');
  });
});
