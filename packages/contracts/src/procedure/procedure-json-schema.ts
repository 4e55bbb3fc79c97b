import { z } from 'zod';
import { procedureSchema } from './procedure-schema';

/**
 * `$id` of the published JSON Schema of the procedure file.
 *
 * @example
 * ```ts
 * import { PROCEDURE_JSON_SCHEMA_ID } from '@tukar/contracts/procedure';
 * // First line of a procedure file, for yaml-language-server:
 * const line = `# yaml-language-server: $schema=${PROCEDURE_JSON_SCHEMA_ID}`;
 * ```
 */
export const PROCEDURE_JSON_SCHEMA_ID = 'https://tukar.example.go.id/schemas/procedure.schema.json';

/**
 * The JSON Schema (2020-12) of the procedure file, generated from the zod schema, for editors. The package
 * ships it as `@tukar/contracts/procedure.schema.json`. It checks the structure; the loader also checks
 * the steps against each other (transitions, reachability, durations).
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { procedureJsonSchema } from '@tukar/contracts/procedure';
 * writeFileSync('procedure.schema.json', JSON.stringify(procedureJsonSchema(), null, 2));
 * ```
 */
export function procedureJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(procedureSchema, {
    io: 'input',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  return {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    $id: PROCEDURE_JSON_SCHEMA_ID,
    title: 'Tukar procedure',
    description:
      "A kabupaten's SOP Integrasi dan Pertukaran Data as data: steps, actors and their roles, kelengkapan, waktu, output and transitions.",
    ...rest,
  };
}
