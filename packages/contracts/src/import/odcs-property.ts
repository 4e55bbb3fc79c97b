import type { PropertySchema } from './column-schema';

/** An ODCS v3 property (SchemaProperty), as far as Tukar reads and writes it. */
export interface OdcsProperty {
  name: string;
  logicalType?: string;
  logicalTypeOptions?: Record<string, unknown>;
  physicalType?: string;
  description?: string;
  businessName?: string;
  required?: boolean;
  unique?: boolean;
  primaryKey?: boolean;
  primaryKeyPosition?: number;
  classification?: string;
  examples?: unknown[];
  quality?: Record<string, unknown>[];
  customProperties?: { property: string; value: unknown }[];
  [other: string]: unknown;
}

/** The custom property that carries a property's exact JSON Schema where ODCS's own fields cannot. */
export const JSON_SCHEMA_PROPERTY = 'tukarJsonSchema';
/** The custom property that marks a field whose key is always present although its value may be null. */
export const REQUIRED_PROPERTY = 'tukarRequired';

/** Whether the record must hold the field (ODCS `required`, or Tukar's mark for required-but-nullable). */
export function odcsRequired(property: OdcsProperty): boolean {
  return (
    property.required === true ||
    property.customProperties?.some((c) => c.property === REQUIRED_PROPERTY && c.value === true) === true
  );
}

const PII_CLASSES = new Set([
  'restricted',
  'confidential',
  'sensitive',
  'pii',
  'personal',
  'terbatas',
  'rahasia',
  'secret',
]);
const OPTIONS_BY_TYPE: Record<string, readonly string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  array: ['minItems', 'maxItems', 'uniqueItems'],
  // `required` of an object names nested fields ODCS does not describe here: strict JSON Schema refuses it
  object: ['minProperties', 'maxProperties'],
};

/** `quality: [{ metric: invalidValues, arguments: { validValues } }]`: the ODCS way to say "one of". */
function validValues(property: OdcsProperty): unknown[] | undefined {
  for (const check of property.quality ?? []) {
    const metric = check.metric ?? check.rule;
    const args = check.arguments as { validValues?: unknown } | undefined;
    if (metric === 'invalidValues' && Array.isArray(args?.validValues)) return args.validValues;
  }
  return undefined;
}

/** What an ODCS property says about a field, as JSON Schema (the exact schema when Tukar wrote one). */
export function odcsPropertySchema(property: OdcsProperty): { schema: PropertySchema; unmapped?: string } {
  const exact = property.customProperties?.find((c) => c.property === JSON_SCHEMA_PROPERTY)?.value;
  if (exact !== null && typeof exact === 'object' && !Array.isArray(exact)) {
    return { schema: { ...(exact as PropertySchema) } };
  }
  const schema: PropertySchema = {};
  if (property.description) schema.description = property.description;
  const logical = property.logicalType;
  const options = property.logicalTypeOptions ?? {};
  let unmapped: string | undefined;
  switch (logical) {
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
    case 'array':
    case 'object':
      schema.type = logical;
      break;
    case 'date':
      Object.assign(schema, { type: 'string', format: 'date' });
      break;
    case 'timestamp':
      Object.assign(schema, {
        type: 'string',
        format: options.timezone === true ? 'date-time' : 'iso-date-time',
      });
      break;
    case 'time':
      Object.assign(schema, { type: 'string', format: 'iso-time' });
      break;
    default:
      unmapped = `logicalType ${logical === undefined ? '(none)' : JSON.stringify(logical)}: write the field's type`;
  }
  for (const key of OPTIONS_BY_TYPE[logical ?? ''] ?? []) {
    const value = options[key];
    if (value === undefined) continue;
    if (key === 'format' && typeof value === 'string' && /[yMdHhms]{2}/.test(value)) continue; // a date pattern, not a JSON Schema format
    schema[key] = value;
  }
  const values = validValues(property);
  if (values) schema.enum = [...values];
  if (property.required !== true && typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  }
  if (property.classification && PII_CLASSES.has(property.classification.toLowerCase()))
    schema['x-pii'] = true;
  return unmapped ? { schema, unmapped } : { schema };
}
