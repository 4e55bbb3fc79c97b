import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROCEDURE_PRESETS, procedureJsonSchema, procedurePresetText } from '@tukar/contracts/procedure';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const committed = JSON.parse(
  readFileSync(fileURLToPath(new URL('../procedure.schema.json', import.meta.url)), 'utf8'),
);

describe('procedure.schema.json (editor schema)', () => {
  it('is up to date with the zod schema (run `pnpm --filter @tukar/contracts generate` if this fails)', () => {
    expect(committed).toEqual(procedureJsonSchema());
  });

  it('accepts every preset and rejects a role the hub does not have, as the loader does', () => {
    const validate = new Ajv2020({ strict: false }).compile(committed);
    for (const name of PROCEDURE_PRESETS) {
      const data = parse(procedurePresetText(name));
      expect(validate(data), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      data.actors[Object.keys(data.actors)[0] as string].role = 'kominfo';
      expect(validate(data)).toBe(false);
    }
  });

  it('is the schema each preset names on its first line', () => {
    for (const name of PROCEDURE_PRESETS) {
      expect(procedurePresetText(name).split('\n')[0]).toBe(
        `# yaml-language-server: $schema=${committed.$id}`,
      );
    }
  });
});
