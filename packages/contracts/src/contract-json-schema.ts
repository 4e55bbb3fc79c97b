import { z } from 'zod';
import { contractSchema } from './contract-schema';

/**
 * `$id` of the published JSON Schema of the contract document.
 *
 * @example
 * ```ts
 * import Ajv2020 from 'ajv/dist/2020.js';
 * import { CONTRACT_JSON_SCHEMA_ID, contractJsonSchema } from './contract-json-schema'; // internal: users take @tukar/contracts/contract.schema.json
 *
 * // Check contract documents with your own ajv, e.g. in a portal's form
 * const ajv = new Ajv2020({ strict: false }).addSchema(contractJsonSchema());
 * const validate = ajv.getSchema(CONTRACT_JSON_SCHEMA_ID);
 * ```
 */
export const CONTRACT_JSON_SCHEMA_ID = 'https://tukar.example.go.id/schemas/contract.schema.json';

/**
 * The JSON Schema (2020-12) of the contract document, generated from the zod schema, for editors
 * (yaml-language-server, VS Code) and other tools. Input form: fields with defaults are optional.
 * The package ships it as `@tukar/contracts/contract.schema.json`.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('contract.schema.json', JSON.stringify(contractJsonSchema(), null, 2));
 * ```
 */
export function contractJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(contractSchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  const properties = { ...(generated.properties as Record<string, Record<string, unknown>>) };
  properties.schema = {
    ...properties.schema,
    description:
      'JSON Schema 2020-12 of one record. Annotations start with "x-"; mark personal data with "x-pii": true.',
  };
  const { $schema, ...rest } = generated;
  return {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    $id: CONTRACT_JSON_SCHEMA_ID,
    title: 'Tukar data contract',
    description: 'A Tukar data contract (<opd>.<dataset>): the agreed structure of an exchanged dataset.',
    ...rest,
    properties,
  };
}
