// The contract `tukar demo` embeds must stay the example contract, character for character.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PUSKESMAS_CONTRACT_YAML } from '../src/demo/puskesmas-contract';

const example = new URL(
  '../../../examples/kontrak-kabupaten/contracts/dinkes.puskesmas.yaml',
  import.meta.url,
);

describe('the contract embedded in tukar demo', () => {
  it('is examples/kontrak-kabupaten/contracts/dinkes.puskesmas.yaml unchanged', () => {
    // When this fails, copy the example file into packages/cli/src/demo/puskesmas-contract.ts.
    expect(PUSKESMAS_CONTRACT_YAML).toBe(readFileSync(example, 'utf8'));
  });
});
