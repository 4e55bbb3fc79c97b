// Records generated from a contract's schema with fast-check (fixed seed): every field's type, enum,
// pattern, bounds and reference format respected, optional fields absent or null now and then.
import { type Contract, wilayahCodes } from '@tukar/contracts';
import fc from 'fast-check';
import { inlineRefs } from '../src/export/inline-refs';

type Schema = Record<string, unknown>;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A valid NIK: a real kecamatan, a real birth date (women +40), a sequence that is not 0000. */
function nikArbitrary(): fc.Arbitrary<string> {
  const kecamatan = [...wilayahCodes('kecamatan')].slice(0, 500);
  return fc
    .tuple(
      fc.constantFrom(...kecamatan),
      fc.date({ min: new Date('1950-01-01'), max: new Date('2005-12-31'), noInvalidDate: true }),
      fc.boolean(),
      fc.integer({ min: 1, max: 9999 }),
    )
    .map(
      ([kec, date, woman, seq]) =>
        `${kec.replace(/\./g, '')}${pad(date.getUTCDate() + (woman ? 40 : 0), 2)}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCFullYear() % 100, 2)}${pad(seq, 4)}`,
    );
}

/** A valid NIP: birth date, appointment year-month, gender, sequence. */
function nipArbitrary(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.date({ min: new Date('1960-01-01'), max: new Date('1999-12-31'), noInvalidDate: true }),
      fc.integer({ min: 2000, max: 2023 }),
      fc.integer({ min: 1, max: 12 }),
      fc.constantFrom(1, 2),
      fc.integer({ min: 1, max: 999 }),
    )
    .map(
      ([birth, year, month, gender, seq]) =>
        `${birth.getUTCFullYear()}${pad(birth.getUTCMonth() + 1, 2)}${pad(birth.getUTCDate(), 2)}${year}${pad(month, 2)}${gender}${pad(seq, 3)}`,
    );
}

function formatArbitrary(format: string): fc.Arbitrary<string> | undefined {
  if (format.startsWith('kode-wilayah-')) {
    const level = format.slice('kode-wilayah-'.length) as 'provinsi' | 'kabupaten' | 'kecamatan' | 'desa';
    return fc.constantFrom(...[...wilayahCodes(level)].slice(0, 2000));
  }
  switch (format) {
    case 'nik':
      return nikArbitrary();
    case 'nip':
      return nipArbitrary();
    case 'npsn':
      return fc.stringMatching(/^[0-9]{8}$/);
    case 'npwp':
      return fc.stringMatching(/^[0-9]{15}$/);
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    default:
      return undefined;
  }
}

function valueArbitrary(schema: Schema): fc.Arbitrary<unknown> {
  const types = (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []) as string[];
  const nullable = types.includes('null') || (Array.isArray(schema.enum) && schema.enum.includes(null));
  let arbitrary: fc.Arbitrary<unknown>;
  const nonNull = types.filter((t) => t !== 'null');
  if (Array.isArray(schema.enum)) {
    arbitrary = fc.constantFrom(...schema.enum.filter((v) => v !== null));
  } else if (nonNull[0] === 'string') {
    const format = typeof schema.format === 'string' ? formatArbitrary(schema.format) : undefined;
    if (format) arbitrary = format;
    else if (typeof schema.pattern === 'string') arbitrary = fc.stringMatching(new RegExp(schema.pattern));
    else {
      const minLength = typeof schema.minLength === 'number' ? schema.minLength : 1;
      const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : 40;
      arbitrary = fc.string({
        minLength,
        maxLength,
        unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABC'.split('')),
      });
    }
  } else if (nonNull[0] === 'integer') {
    arbitrary = fc.integer({
      min: typeof schema.minimum === 'number' ? schema.minimum : -1000,
      max: typeof schema.maximum === 'number' ? schema.maximum : 1_000_000,
    });
  } else if (nonNull[0] === 'number') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : -1e6;
    const max = typeof schema.maximum === 'number' ? schema.maximum : 1e9;
    arbitrary = fc
      .double({ min, max, noNaN: true, noDefaultInfinity: true })
      .filter((n) => !Number.isInteger(n));
  } else if (nonNull[0] === 'boolean') {
    arbitrary = fc.boolean();
  } else if (nonNull[0] === 'object' || schema.properties) {
    arbitrary = recordArbitrary(schema);
  } else {
    arbitrary = fc.constant(null);
  }
  return nullable ? fc.option(arbitrary, { freq: 10, nil: null }) : arbitrary;
}

export function recordArbitrary(schema: Schema): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries(properties)) model[key] = valueArbitrary(property);
  return fc.record(model, { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) });
}

/** `count` records for the contract (seeded), the contract's own examples first. */
export function sampleRecords(contract: Contract, count: number, seed = 17): Record<string, unknown>[] {
  const schema = inlineRefs(contract.schema, contract.schema) as Schema;
  const examples = contract.examples ?? [];
  const generated = fc.sample(recordArbitrary(schema), { numRuns: count - examples.length, seed });
  return [...examples, ...generated];
}
