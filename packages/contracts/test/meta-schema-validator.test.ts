// Record schemas are checked against JSON Schema 2020-12's meta-schema by code ajv generated at build time
// (src/meta-schema-2020.generated.ts) instead of compiling the meta-schema in every process. It must give
// the errors an ajv instance with the same options gives, and be the code the current ajv generates.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metaSchemaValidatorSource } from '../scripts/meta-schema-validator-source';
import { checkAgainstMetaSchema } from '../src/ajv-factory';

/** What checkAgainstMetaSchema compiled at run time before: a 2020 instance with its options. */
const ajv = new Ajv2020({
  strict: true,
  allowUnionTypes: true,
  allErrors: true,
  messages: true,
  validateSchema: false,
});
addFormats(ajv);
const compiledAtRunTime = (schema: object) => (ajv.validateSchema(schema) ? [] : [...(ajv.errors ?? [])]);

const puskesmas = JSON.parse(
  readFileSync(new URL('fixtures/dinkes.puskesmas.json', import.meta.url), 'utf8'),
);

describe('the generated meta-schema validator', () => {
  it('is the code the installed ajv generates (run `pnpm --filter @tukar/contracts generate` when not)', () => {
    const committed = readFileSync(new URL('../src/meta-schema-2020.generated.ts', import.meta.url), 'utf8');
    expect(committed).toBe(metaSchemaValidatorSource());
  });

  it('accepts a contract schema, and names the wrong keyword of a broken one as ajv does', () => {
    expect(checkAgainstMetaSchema(puskesmas.schema)).toEqual([]);
    const broken = { ...puskesmas.schema, properties: { nama: { type: 'strin', minLength: -1 } } };
    const errors = checkAgainstMetaSchema(broken);
    expect(errors.map((e) => e.instancePath)).toContain('/properties/nama/type');
    expect(errors).toEqual(compiledAtRunTime(broken));
  });

  it('gives the same errors as the meta-schema compiled at run time, for any schema-like object', () => {
    const keyword = fc.constantFrom(
      'type',
      'properties',
      'required',
      'items',
      'minLength',
      'maxLength',
      'pattern',
      'enum',
      'const',
      'format',
      'anyOf',
      'oneOf',
      '$ref',
      '$defs',
      'additionalProperties',
      'minimum',
      'x-pii',
      '$id',
    );
    const value = fc.oneof(
      fc.constantFrom('string', 'integer', 'object', 'strin', 'null', '#/$defs/a', 'date'),
      fc.integer({ min: -2, max: 5 }),
      fc.boolean(),
      fc.array(fc.constantFrom('string', 'nik', 'a', 1), { maxLength: 3 }),
      fc.dictionary(
        fc.constantFrom('a', 'nama', 'kode'),
        fc.constantFrom({ type: 'string' }, { type: 1 }, true, 'x'),
      ),
    );
    const schema = fc.dictionary(keyword, value, { maxKeys: 5 });
    fc.assert(
      fc.property(schema, (s) => {
        expect(checkAgainstMetaSchema(s)).toEqual(compiledAtRunTime(s));
      }),
      { seed: 20261207, numRuns: 500 },
    );
  });
});
