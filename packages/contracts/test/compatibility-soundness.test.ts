/**
 * Soundness of the compatibility verdicts, with ajv as the oracle: whenever the diff says a version is
 * compatible with an earlier one, no record can tell otherwise.
 *
 * - `backward`: every record valid under the earlier schema is valid under the next one;
 * - `forward`: every record valid under the next schema is valid under the earlier one;
 * - `full`: both; and the `_transitive` modes likewise against every version of a chain of three.
 *
 * Schemas come from the JSON Schema subset contracts use (objects with properties, required,
 * additionalProperties / unevaluatedProperties, patternProperties, arrays, `$ref` into `$defs`, types,
 * anyOf / allOf / oneOf of leaves,
 * enum, const, bounds, patterns); each next version is the earlier one with a few generated edits.
 * Records are built from each schema (unlisted properties with any value where the object is open) and
 * kept when ajv accepts them. A counterexample prints as the contract files (YAML) and the record.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type Contract, checkCompatibility } from '../src/index';
import { editSchema } from './fixtures/soundness/edit-schema';
import { sampleRecords } from './fixtures/soundness/sample-records';
import { editsArbitrary, type Node, rootArbitrary } from './fixtures/soundness/schema-arbitrary';

const SEED = 20_261_207;
const RECORDS = 40;

const newAjv = () =>
  new Ajv2020({ strict: false, allowUnionTypes: true, validateFormats: false, code: { optimize: false } });
let ajv = newAjv();
let compiled = 0;
function compile(schema: Node): ValidateFunction {
  if (++compiled % 200 === 0) ajv = newAjv();
  return ajv.compile(JSON.parse(JSON.stringify(schema)));
}

function contract(version: string, schema: Node): Contract {
  return {
    contract: 'uji.sound',
    version,
    status: 'agreed',
    title: 'Soundness',
    owner: { opd: 'Diskominfo', contact: 'uji@diskominfo.example.go.id' },
    steward: 'Diskominfo',
    classification: 'publik',
    compatibility: 'none',
    updateFrequency: 'monthly',
    primaryKey: ['a'],
    schema,
  };
}

/** A version with its validator and the records it accepts, both made when first needed. */
class Version {
  readonly contract: Contract;
  #accepts: ValidateFunction | undefined;
  #records: unknown[] | undefined;
  constructor(
    label: string,
    readonly schema: Node,
    readonly seed: number,
  ) {
    this.contract = contract(label, schema);
  }
  get accepts(): ValidateFunction {
    this.#accepts ??= compile(this.schema);
    return this.#accepts;
  }
  get records(): unknown[] {
    this.#records ??= sampleRecords(this.schema, this.seed, RECORDS).filter((record) => this.accepts(record));
    return this.#records;
  }
}

function counterexample(
  mode: string,
  versions: Version[],
  from: Version,
  to: Version,
  record: unknown,
): string {
  const files = versions.map(
    (v) =>
      `--- # ${v.contract.contract}@${v.contract.version}.yaml\n${stringify(v.contract, { lineWidth: 0, aliasDuplicateObjects: false })}`,
  );
  return [
    `${mode}: the diff says ${versions.at(-1)?.contract.version} is compatible, but this record is valid under ${from.contract.version} and refused by ${to.contract.version}:`,
    JSON.stringify(record),
    ...files,
  ].join('\n');
}

/** Every record `from` accepts, `to` accepts too; else a readable failure. */
function assertIncluded(mode: string, chain: Version[], from: Version, to: Version): void {
  for (const record of from.records) {
    if (!to.accepts(record)) throw new Error(counterexample(mode, chain, from, to, record));
  }
}

describe('compatibility verdicts are sound (ajv as the oracle)', () => {
  it('a pair of versions: compatible under backward / forward / full means no record says otherwise', () => {
    let judgedCompatible = 0;
    fc.assert(
      fc.property(rootArbitrary, editsArbitrary, fc.nat(), (root, edits, seed) => {
        const before = new Version('1.0.0', root, seed);
        const after = new Version('1.1.0', editSchema(root, edits), seed + 1);
        const backward = checkCompatibility(before.contract, after.contract, 'backward').compatible;
        const forward = checkCompatibility(before.contract, after.contract, 'forward').compatible;
        const full = checkCompatibility(before.contract, after.contract, 'full').compatible;
        expect(full).toBe(backward && forward);
        const chain = [before, after];
        if (backward) assertIncluded(full ? 'full' : 'backward', chain, before, after);
        if (forward) assertIncluded(full ? 'full' : 'forward', chain, after, before);
        judgedCompatible += Number(backward) + Number(forward);
      }),
      { seed: SEED, numRuns: 2_000 },
    );
    // The property must have been exercised, not vacuously true.
    expect(judgedCompatible).toBeGreaterThan(500);
  }, 120_000);

  it('a chain of three: compatible under a transitive mode means no record of any earlier version says otherwise', () => {
    let judgedCompatible = 0;
    fc.assert(
      fc.property(rootArbitrary, editsArbitrary, editsArbitrary, fc.nat(), (root, first, second, seed) => {
        const s2 = editSchema(root, first);
        const v1 = new Version('1.0.0', root, seed);
        const v2 = new Version('1.1.0', s2, seed + 1);
        const v3 = new Version('1.2.0', editSchema(s2, second), seed + 2);
        const chain = [v1, v2, v3];
        const earlier = [v1.contract, v2.contract];
        const backward = checkCompatibility(v3.contract, earlier, 'backward_transitive');
        const forward = checkCompatibility(v3.contract, earlier, 'forward_transitive');
        const full = checkCompatibility(v3.contract, earlier, 'full_transitive');
        expect(backward.checked).toEqual(['1.0.0', '1.1.0']);
        expect(full.compatible).toBe(backward.compatible && forward.compatible);
        for (const old of [v1, v2]) {
          const mode = full.compatible ? 'full_transitive' : undefined;
          if (backward.compatible) assertIncluded(mode ?? 'backward_transitive', chain, old, v3);
          if (forward.compatible) assertIncluded(mode ?? 'forward_transitive', chain, v3, old);
        }
        judgedCompatible += Number(backward.compatible) + Number(forward.compatible);
      }),
      { seed: SEED + 1, numRuns: 1_000 },
    );
    expect(judgedCompatible).toBeGreaterThan(200);
  }, 120_000);
});
