// The zod schema of a contract (@tukar/contracts/zod) and the contract's compiled ajv validator (what the
// hub checks with) agree on every record: generated valid ones and mutated ones.
import { type Contract, clearCompiledContracts, compileContract } from '@tukar/contracts';
import { recordIssues, recordSchema } from '@tukar/contracts/zod';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inlineRefs } from '../src/export/inline-refs';
import { exampleContracts } from './example-contracts';
import { recordArbitrary } from './sample-records';

const SEED = 20_261_207;
const RUNS = 2_000;

type Json = unknown;

/** Any JSON value a wrong record may carry in a field. */
const jsonValue: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ minLength: 100, maxLength: 300, unit: 'grapheme' }),
  fc.integer({ min: -2_000_000, max: 2_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('32.07.01.2008', '32.07.99.9999', '3207011203850001', '20211034', 'P3207010101', '2024-1'),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

/** One change to a record: a field set to another value, a field removed, a field added, text edited. */
type Mutation =
  | { kind: 'set'; at: number; value: Json }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; name: string; value: Json }
  | { kind: 'edit'; at: number; cut: number; append: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: jsonValue }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    name: fc.string({ minLength: 1, maxLength: 8 }),
    value: jsonValue,
  }),
  fc.record({
    kind: fc.constant('edit' as const),
    at: fc.nat(),
    cut: fc.nat({ max: 3 }),
    append: fc.string({ maxLength: 3, unit: 'grapheme' }),
  }),
);

/** Every (parent, key) of the record's fields, nested ones included. */
function slots(value: Json, out: Array<[Record<string, Json> | Json[], string | number]> = []) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push([value, i]);
      slots(item, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push([value as Record<string, Json>, key]);
      slots(item, out);
    }
  }
  return out;
}

function mutate(record: Record<string, Json>, mutations: readonly Mutation[]): Record<string, Json> {
  const copy = structuredClone(record);
  for (const m of mutations) {
    if (m.kind === 'add') {
      copy[m.name] = m.value;
      continue;
    }
    const all = slots(copy);
    const slot = all[m.at % Math.max(all.length, 1)];
    if (!slot) continue;
    const [parent, key] = slot;
    const target = parent as Record<string | number, Json>;
    if (m.kind === 'set') target[key] = m.value;
    else if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete target[key];
    } else if (typeof target[key] === 'string') {
      const text = target[key] as string;
      target[key] = text.slice(0, Math.max(0, text.length - m.cut)) + m.append;
    }
  }
  return copy;
}

let contracts: { file: string; contract: Contract }[] = [];
beforeAll(async () => {
  contracts = await exampleContracts();
});
afterAll(() => clearCompiledContracts());

describe('recordSchema agrees with the compiled contract', { timeout: 120_000 }, () => {
  test('on records generated from each example contract and on mutated ones', () => {
    expect(contracts.length).toBeGreaterThanOrEqual(5);
    for (const { file, contract } of contracts) {
      const zod = recordSchema(contract.schema);
      const compiled = compileContract(contract);
      const valid = recordArbitrary(inlineRefs(contract.schema, contract.schema) as Record<string, unknown>);
      let accepted = 0;
      let refused = 0;
      fc.assert(
        fc.property(valid, fc.array(mutation, { maxLength: 3 }), (record, mutations) => {
          const candidate = mutate(record, mutations);
          const hub = compiled.check(candidate);
          const ours = zod.safeParse(candidate).success;
          if (hub) accepted++;
          else refused++;
          if (ours !== hub) {
            throw new Error(
              `${file}: the hub ${hub ? 'accepts' : 'refuses'} but zod ${ours ? 'accepts' : 'refuses'} ${JSON.stringify(candidate)}\n` +
                `hub: ${JSON.stringify(compiled.validate(candidate))}\nzod: ${JSON.stringify(recordIssues(zod, candidate))}`,
            );
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
      // Both sides of the property were exercised for every contract.
      expect(accepted, file).toBeGreaterThan(RUNS / 10);
      expect(refused, file).toBeGreaterThan(RUNS / 10);
    }
  });

  test('the first problem of a refused record has the hub’s code and path', () => {
    for (const { file, contract } of contracts) {
      const zod = recordSchema(contract.schema);
      const compiled = compileContract(contract);
      const valid = recordArbitrary(inlineRefs(contract.schema, contract.schema) as Record<string, unknown>);
      fc.assert(
        fc.property(valid, mutation, (record, m) => {
          const candidate = mutate(record, [m]);
          const hub = compiled.validate(candidate).map((i) => `${i.code} ${i.path}`);
          const ours = recordIssues(zod, candidate).map((i) => `${i.code} ${i.path}`);
          // One mutation gives one problem on both sides; what it is must read the same.
          if (hub.length === 1 && ours.length === 1)
            expect(ours, `${file} ${JSON.stringify(candidate)}`).toEqual(hub);
        }),
        { seed: SEED, numRuns: 500 },
      );
    }
  });
});
