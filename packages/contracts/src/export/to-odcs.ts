import type { Contract, ContractStatus } from '../contract-schema';
import type { PropertySchema } from '../import/column-schema';
import {
  JSON_SCHEMA_PROPERTY,
  type OdcsProperty,
  odcsPropertySchema,
  REQUIRED_PROPERTY,
} from '../import/odcs-property';
import { inlineRefs, sameJson } from './inline-refs';
import { defaultTableName } from './to-ddl';

const STATUS: Record<ContractStatus, string> = {
  draft: 'draft',
  agreed: 'active',
  deprecated: 'deprecated',
  retired: 'retired',
};

const OPTIONS: Record<string, readonly string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  array: ['minItems', 'maxItems', 'uniqueItems'],
  object: ['minProperties', 'maxProperties'],
};

function logicalOf(schema: PropertySchema): { logicalType?: string; timezone?: boolean } {
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (t) => t !== 'null' && t !== undefined,
  );
  const type = types.length === 1 ? String(types[0]) : undefined;
  if (type === 'string') {
    if (schema.format === 'date') return { logicalType: 'date' };
    if (schema.format === 'date-time') return { logicalType: 'timestamp', timezone: true };
    if (schema.format === 'iso-date-time') return { logicalType: 'timestamp' };
    if (schema.format === 'iso-time' || schema.format === 'time') return { logicalType: 'time' };
  }
  if (type) return { logicalType: type };
  const values = Array.isArray(schema.enum) ? schema.enum.filter((v) => v !== null) : [];
  if (values.length > 0 && values.every((v) => typeof v === 'string')) return { logicalType: 'string' };
  return {};
}

function property(
  name: string,
  schema: PropertySchema,
  required: boolean,
  keyPosition: number,
  unique: boolean,
  examples: unknown[],
): OdcsProperty {
  const { logicalType, timezone } = logicalOf(schema);
  const nullable =
    (Array.isArray(schema.type) && schema.type.includes('null')) ||
    (Array.isArray(schema.enum) && schema.enum.includes(null));
  const out: OdcsProperty = { name };
  if (logicalType) out.logicalType = logicalType;
  const options: Record<string, unknown> = {};
  for (const key of OPTIONS[logicalType ?? ''] ?? [])
    if (schema[key] !== undefined) options[key] = schema[key];
  if (timezone) options.timezone = true;
  if (Object.keys(options).length > 0) out.logicalTypeOptions = options;
  if (typeof schema.description === 'string') out.description = schema.description;
  out.required = required && !nullable;
  if (keyPosition > 0) Object.assign(out, { primaryKey: true, primaryKeyPosition: keyPosition });
  if (unique) out.unique = true;
  if (schema['x-pii'] === true) out.classification = 'restricted';
  const values = Array.isArray(schema.enum) ? schema.enum.filter((v) => v !== null) : undefined;
  if (values && values.length > 0) {
    out.quality = [
      { type: 'library', metric: 'invalidValues', arguments: { validValues: values }, mustBe: 0 },
    ];
  }
  if (schema['x-pii'] !== true && examples.length > 0) out.examples = examples;
  // where ODCS's own fields do not give the exact schema back, carry it as a custom property
  const custom: { property: string; value: unknown }[] = [];
  if (!sameJson(odcsPropertySchema(out).schema, schema))
    custom.push({ property: JSON_SCHEMA_PROPERTY, value: schema });
  // required but nullable: the key is always there, its value may be null (ODCS `required` means not null)
  if (required && nullable) custom.push({ property: REQUIRED_PROPERTY, value: true });
  if (custom.length > 0) out.customProperties = custom;
  return out;
}

/**
 * The contract as an Open Data Contract Standard v3.1.0 document (`apiVersion: v3.1.0`, one schema
 * object for the dataset, one property per field with logical type and options, `required`, primary key
 * positions, `unique`, `classification: restricted` for `x-pii` fields, enums as `invalidValues` checks,
 * examples). Tukar's own fields ride in `customProperties` (`tukar…`), and a field whose rules ODCS
 * cannot state carries its exact JSON Schema, so that `importOdcs` gives the contract back (without
 * its examples when a field is personal data: those stay out of a document shared with other tools).
 *
 * @example
 * ```ts
 * import { loadContract, toOdcs } from '@tukar/contracts';
 * import { stringify } from 'yaml';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (loaded.ok) console.log(stringify(toOdcs(loaded.contract)));
 * ```
 */
export function toOdcs(contract: Contract): Record<string, unknown> {
  const schema = contract.schema as {
    properties?: Record<string, unknown>;
    required?: unknown[];
    additionalProperties?: unknown;
    'x-unique'?: unknown;
  };
  const required = new Set((schema.required ?? []).map(String));
  const uniqueKeys = Array.isArray(schema['x-unique']) ? (schema['x-unique'] as unknown[][]) : [];
  const singleUnique = new Set(uniqueKeys.filter((k) => k.length === 1).map((k) => String(k[0])));
  const properties = Object.entries(schema.properties ?? {}).map(([name, raw]) => {
    const inlined = inlineRefs(contract.schema, raw) as PropertySchema;
    const examples = (contract.examples ?? [])
      .map((e) => e[name])
      .filter((v) => v !== undefined && typeof v !== 'object');
    return property(
      name,
      inlined,
      required.has(name),
      contract.primaryKey.indexOf(name) + 1,
      singleUnique.has(name),
      examples.slice(0, 3),
    );
  });
  const custom: { property: string; value: unknown }[] = [
    { property: 'tukarSteward', value: contract.steward },
    { property: 'tukarClassification', value: contract.classification },
    { property: 'tukarCompatibility', value: contract.compatibility },
    { property: 'tukarUpdateFrequency', value: contract.updateFrequency },
  ];
  if (schema.additionalProperties === false)
    custom.push({ property: 'tukarAdditionalProperties', value: false });
  const multiUnique = uniqueKeys.filter((k) => k.length > 1);
  if (multiUnique.length > 0) custom.push({ property: 'tukarUnique', value: multiUnique });
  if (contract.provider) custom.push({ property: 'tukarProvider', value: contract.provider });
  // examples holding personal data stay in the contract, out of a document shared with other tools
  const personal = JSON.stringify(contract.schema).includes('"x-pii":true');
  if (contract.examples && contract.examples.length > 0 && !personal) {
    custom.push({ property: 'tukarExamples', value: contract.examples });
  }
  return {
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id: contract.contract,
    name: contract.title,
    version: contract.version,
    status: STATUS[contract.status],
    domain: contract.owner.opd,
    dataProduct: contract.contract,
    ...(contract.description ? { description: { purpose: contract.description } } : {}),
    ...(contract.tags && contract.tags.length > 0 ? { tags: contract.tags } : {}),
    schema: [
      {
        name: defaultTableName(contract),
        physicalName: defaultTableName(contract),
        physicalType: 'table',
        logicalType: 'object',
        businessName: contract.title,
        ...(contract.description ? { description: contract.description } : {}),
        properties,
      },
    ],
    team: {
      name: contract.owner.opd,
      members: [
        {
          username: contract.owner.contact,
          role: 'owner',
          name: contract.owner.opd,
          ...(contract.owner.unit ? { description: contract.owner.unit } : {}),
        },
      ],
    },
    support: [{ channel: 'email', url: `mailto:${contract.owner.contact}`, tool: 'email' }],
    customProperties: custom,
  };
}
