import type { Contract } from '../contract-schema';
import type { PropertySchema } from '../import/column-schema';
import { inlineRefs } from './inline-refs';

function frictionlessType(schema: PropertySchema): { type: string; format?: string } {
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (t) => t !== 'null' && t !== undefined,
  );
  const values = Array.isArray(schema.enum) ? schema.enum.filter((v) => v !== null) : [];
  const type =
    types.length === 1
      ? String(types[0])
      : values.length > 0 && values.every((v) => typeof v === 'string')
        ? 'string'
        : undefined;
  switch (type) {
    case 'string':
      if (schema.format === 'date') return { type: 'date' };
      if (schema.format === 'date-time' || schema.format === 'iso-date-time') return { type: 'datetime' };
      if (schema.format === 'time' || schema.format === 'iso-time') return { type: 'time' };
      if (schema.format === 'email' || schema.format === 'uri' || schema.format === 'uuid')
        return { type: 'string', format: String(schema.format) };
      return { type: 'string' };
    case 'integer':
    case 'number':
    case 'boolean':
    case 'object':
    case 'array':
      return { type };
    default:
      return { type: 'any' };
  }
}

/**
 * The contract as a Frictionless Table Schema (for CSV and spreadsheet tools, CKAN and the Satu Data
 * portal): one field per top-level property with type, title, description and constraints (`required`,
 * `unique`, lengths, bounds, `pattern`, `enum`), and the primary key.
 *
 * @example
 * ```ts
 * import { loadContract, toTableSchema } from '@tukar/contracts';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (loaded.ok) console.log(JSON.stringify(toTableSchema(loaded.contract), null, 2));
 * ```
 */
export function toTableSchema(contract: Contract): Record<string, unknown> {
  const schema = contract.schema as {
    properties?: Record<string, unknown>;
    required?: unknown[];
    'x-unique'?: unknown;
  };
  const required = new Set((schema.required ?? []).map(String));
  const unique = Array.isArray(schema['x-unique']) ? (schema['x-unique'] as unknown[][]) : [];
  const fields = Object.entries(schema.properties ?? {}).map(([name, raw]) => {
    const property = inlineRefs(contract.schema, raw) as PropertySchema;
    const { type, format } = frictionlessType(property);
    const constraints: Record<string, unknown> = {};
    const nullable = Array.isArray(property.type) && property.type.includes('null');
    if (required.has(name) && !nullable) constraints.required = true;
    if (unique.some((k) => k.length === 1 && k[0] === name)) constraints.unique = true;
    for (const key of ['minLength', 'maxLength', 'minimum', 'maximum', 'pattern'] as const) {
      if (property[key] !== undefined) constraints[key] = property[key];
    }
    const values = Array.isArray(property.enum) ? property.enum.filter((v) => v !== null) : undefined;
    if (values && values.length > 0) constraints.enum = values;
    return {
      name,
      type,
      ...(format ? { format } : {}),
      ...(typeof property.title === 'string' ? { title: property.title } : {}),
      ...(typeof property.description === 'string' ? { description: property.description } : {}),
      ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
    };
  });
  return {
    $schema: 'https://datapackage.org/profiles/2.0/tableschema.json',
    fields,
    primaryKey: [...contract.primaryKey],
    missingValues: [''],
  };
}
