// "Import then export changes nothing", as a property over generated contracts (fast-check, fixed seed):
// ODCS and the data dictionary table (CSV) give the same contract back; the DDL, parsed again, gives
// every field back without a breaking change.
import {
  breakingChanges,
  type Contract,
  contractSchema,
  dataDictionaryTable,
  diffContracts,
  importDataDictionary,
  importOdcs,
  parseCsv,
  tableToContract,
  toCsv,
  toDdl,
  toOdcs,
} from '@tukar/contracts';
import { parseDdl } from '@tukar/contracts/sql';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

const text = fc.string({
  minLength: 1,
  maxLength: 30,
  unit: fc.constantFrom(...'abc XYZ\'"[],;:/\\()-_éü{}'.split('')),
});
const word = fc.stringMatching(/^[a-z][a-z0-9 ,'-]{0,11}$/);

const stringField = fc.record(
  {
    type: fc.constant('string'),
    maxLength: fc.integer({ min: 1, max: 500 }),
    minLength: fc.integer({ min: 1, max: 3 }),
    pattern: fc.constantFrom('^[0-9]{4}-[12]$', '^P[0-9]{10}$', "^[A-Z]'?[a-z]+$", '^\\+?[0-9 -]{6,20}$'),
    format: fc.constantFrom('kode-wilayah-desa', 'nik', 'npsn', 'date', 'iso-date-time', 'email'),
    enum: fc.uniqueArray(word, { minLength: 1, maxLength: 5 }),
    description: text,
    'x-pii': fc.constant(true),
  },
  { requiredKeys: ['type'] },
);
const integerField = fc.record(
  {
    type: fc.constant('integer'),
    minimum: fc.integer({ min: -1000, max: 0 }),
    maximum: fc.integer({ min: 1, max: 1_000_000_000_000 }),
    description: text,
  },
  { requiredKeys: ['type'] },
);
const numberField = fc.record(
  { type: fc.constant('number'), minimum: fc.constant(0), description: text },
  { requiredKeys: ['type'] },
);
const booleanField = fc.record(
  { type: fc.constant('boolean'), default: fc.boolean() },
  { requiredKeys: ['type'] },
);
const objectField = fc.constant({
  type: 'object',
  required: ['a'],
  properties: { a: { type: 'string' }, b: { type: 'integer' } },
});

const field = fc
  .tuple(fc.oneof(stringField, integerField, numberField, booleanField, objectField), fc.boolean())
  .map(([schema, nullable]) => {
    const out: Record<string, unknown> = { ...schema };
    if (Array.isArray(out.enum) && out.format) delete out.format;
    if (nullable && typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    }
    return out;
  });

const contractArbitrary = fc
  .record({
    fields: fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9_]{0,14}$/), field, fc.boolean()), {
      minLength: 1,
      maxLength: 8,
      selector: ([name]) => name,
    }),
    closed: fc.boolean(),
    title: text,
    compatibility: fc.constantFrom('backward', 'forward', 'full', 'none'),
  })
  .map(({ fields, closed, title, compatibility }): Contract => {
    const [keyName] = fields[0] ?? ['id'];
    const properties = Object.fromEntries(
      fields.map(([name, schema], i) => [name, i === 0 ? { type: 'string', maxLength: 20 } : schema]),
    );
    const required = fields.filter(([, , req], i) => i === 0 || req).map(([name]) => name);
    return contractSchema.parse({
      contract: 'opd.uji',
      version: '1.0.0',
      status: 'agreed',
      title,
      owner: { opd: 'Dinas Uji', contact: 'uji@opd.example.go.id' },
      steward: 'Diskominfo',
      classification: 'terbatas',
      compatibility,
      updateFrequency: 'monthly',
      primaryKey: [keyName],
      schema: { type: 'object', ...(closed ? { additionalProperties: false } : {}), required, properties },
    });
  });

const run = { seed: 20261207, numRuns: 2000 };
const describeChange = (contract: Contract, imported: Contract) =>
  diffContracts(contract, imported).changes.map((c) => `${c.rule} ${c.path}`);

describe('import ∘ export = identity (generated contracts)', () => {
  it('ODCS', () => {
    fc.assert(
      fc.property(contractArbitrary, (contract) => {
        const imported = contractSchema.parse(importOdcs(stringify(toOdcs(contract))).contract);
        expect(describeChange(contract, imported)).toEqual([]);
      }),
      run,
    );
  }, 120_000);

  it('data dictionary table through CSV', () => {
    fc.assert(
      fc.property(contractArbitrary, (contract) => {
        const table = dataDictionaryTable(contract);
        const csv = toCsv([
          ...table.header.map((r) => [...r]),
          [],
          [...table.columns],
          ...table.rows.map((r) => [...r]),
        ]);
        const extras = Object.fromEntries(table.extras.map(([k, v]) => [k, v]));
        const imported = contractSchema.parse(importDataDictionary(parseCsv(csv), extras).contract);
        expect(describeChange(contract, imported)).toEqual([]);
      }),
      run,
    );
  }, 120_000);

  for (const dialect of ['mysql', 'postgresql'] as const) {
    it(`${dialect} DDL, parsed again: no breaking change`, async () => {
      await fc.assert(
        fc.asyncProperty(contractArbitrary, async (contract) => {
          const [table] = await parseDdl(toDdl(contract, dialect), dialect);
          if (!table) throw new Error('no table');
          const { contract: _id, ...facts } = contract;
          const imported = contractSchema.parse(
            tableToContract(table, { ...facts, contract: contract.contract, owner: contract.owner }).contract,
          );
          const diff = diffContracts(contract, { ...imported, compatibility: contract.compatibility });
          expect(
            breakingChanges(diff.changes, contract.compatibility).map((c) => `${c.rule} ${c.path}`),
          ).toEqual([]);
        }),
        { ...run, numRuns: 500 },
      );
    }, 120_000);
  }
});
