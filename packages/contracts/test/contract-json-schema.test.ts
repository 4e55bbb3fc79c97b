import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseContract } from '@tukar/contracts';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
// Internal: the schema's public form is the file `@tukar/contracts/contract.schema.json`.
import { contractJsonSchema } from '../src/contract-json-schema';

const committed = JSON.parse(
  readFileSync(fileURLToPath(new URL('../contract.schema.json', import.meta.url)), 'utf8'),
);
const fixture = readFileSync(
  fileURLToPath(new URL('./fixtures/dinkes.puskesmas.yaml', import.meta.url)),
  'utf8',
);

describe('contract.schema.json (editor schema)', () => {
  it('is up to date with the zod schema (run `pnpm --filter @tukar/contracts generate` if this fails)', () => {
    expect(committed).toEqual(contractJsonSchema());
  });

  it('accepts the fixture contract and rejects a wrong status, as the loader does', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(committed);
    const loaded = parseContract(fixture);
    if (!loaded.ok) throw new Error('fixture must load');
    expect(validate(JSON.parse(JSON.stringify(loaded.contract)))).toBe(true);
    expect(validate({ ...loaded.contract, status: 'aggreed' })).toBe(false);
    expect(committed.$id).toMatch(/contract\.schema\.json$/);
  });
});
