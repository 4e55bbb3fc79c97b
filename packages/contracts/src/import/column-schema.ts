import type { ColumnDescription, ColumnRule } from './table-description';

/**
 * A JSON Schema object for one property, as the importers build it.
 *
 * @example
 * ```ts
 * import type { PropertySchema } from '@tukar/contracts';
 *
 * const nik: PropertySchema = { type: 'string', format: 'nik', 'x-pii': true };
 * ```
 */
export type PropertySchema = Record<string, unknown>;

/**
 * What a column maps to, and what the author must still decide about it.
 *
 * @example
 * ```ts
 * import { type ColumnMapping, columnSchema } from '@tukar/contracts';
 *
 * const mapped: ColumnMapping = columnSchema({ name: 'lokasi', dataType: 'GEOMETRY', nullable: true, rules: [] });
 * if (mapped.unmapped) console.warn(`lokasi: ${mapped.unmapped}`);
 * ```
 */
export interface ColumnMapping {
  readonly schema: PropertySchema;
  /** Set when the SQL type has no JSON Schema counterpart and the author must write one. */
  readonly unmapped?: string;
}

const INTEGER_RANGES: Record<string, readonly [number, number, number]> = {
  // name: [signed min, signed max, unsigned max]
  TINYINT: [-128, 127, 255],
  INT1: [-128, 127, 255],
  SMALLINT: [-32_768, 32_767, 65_535],
  INT2: [-32_768, 32_767, 65_535],
  MEDIUMINT: [-8_388_608, 8_388_607, 16_777_215],
  INT: [-2_147_483_648, 2_147_483_647, 4_294_967_295],
  INTEGER: [-2_147_483_648, 2_147_483_647, 4_294_967_295],
  INT4: [-2_147_483_648, 2_147_483_647, 4_294_967_295],
};
const SERIALS: Record<string, number | undefined> = {
  SMALLSERIAL: 32_767,
  SERIAL2: 32_767,
  SERIAL: 2_147_483_647,
  SERIAL4: 2_147_483_647,
  BIGSERIAL: undefined,
  SERIAL8: undefined,
};
const BIG_INTEGERS = new Set(['BIGINT', 'INT8']);
const STRINGS = new Set([
  'CHAR',
  'VARCHAR',
  'CHARACTER',
  'CHARACTER VARYING',
  'NCHAR',
  'NVARCHAR',
  'BPCHAR',
  'TEXT',
  'TINYTEXT',
  'MEDIUMTEXT',
  'LONGTEXT',
  'CITEXT',
  'SET',
  'INET',
  'CIDR',
  'MACADDR',
  'INTERVAL',
]);
const FLOATS = new Set(['FLOAT', 'FLOAT4', 'FLOAT8', 'DOUBLE', 'DOUBLE PRECISION', 'REAL', 'MONEY']);
const DECIMALS = new Set(['DECIMAL', 'NUMERIC', 'DEC', 'FIXED']);
const BOOLEANS = new Set(['BOOLEAN', 'BOOL']);
const BINARIES = new Set(['BLOB', 'TINYBLOB', 'MEDIUMBLOB', 'LONGBLOB', 'BINARY', 'VARBINARY', 'BYTEA']);
const JSONS = new Set(['JSON', 'JSONB']);
const TIMESTAMPS_WITH_ZONE = new Set(['TIMESTAMPTZ', 'TIMESTAMP WITH TIME ZONE']);
const TIMESTAMPS = new Set(['DATETIME', 'TIMESTAMP', 'TIMESTAMP WITHOUT TIME ZONE']);
const TIMES = new Set(['TIME', 'TIMETZ', 'TIME WITH TIME ZONE', 'TIME WITHOUT TIME ZONE']);

/** `TINYINT(1)`, `BIT(1)` and `BOOLEAN` hold a yes/no value. */
export function isBooleanColumn(column: Pick<ColumnDescription, 'dataType' | 'length'>): boolean {
  const type = column.dataType;
  return BOOLEANS.has(type) || ((type === 'TINYINT' || type === 'BIT') && column.length === 1);
}

/** The JSON type of a column's values before nullability (`undefined` for JSON columns). */
function baseSchema(column: ColumnDescription): ColumnMapping {
  const type = column.dataType;
  if (type.endsWith('[]')) {
    const item = baseSchema({ ...column, dataType: type.slice(0, -2), rules: [], nullable: false });
    return { schema: { type: 'array', items: item.schema }, unmapped: item.unmapped };
  }
  if (isBooleanColumn(column)) return { schema: { type: 'boolean' } };
  const range = INTEGER_RANGES[type];
  if (range) {
    return column.unsigned
      ? { schema: { type: 'integer', minimum: 0, maximum: range[2] } }
      : { schema: { type: 'integer', minimum: range[0], maximum: range[1] } };
  }
  if (type in SERIALS) {
    const max = SERIALS[type];
    return { schema: { type: 'integer', minimum: 1, ...(max === undefined ? {} : { maximum: max }) } };
  }
  if (BIG_INTEGERS.has(type) || type === 'BIT') {
    return { schema: column.unsigned ? { type: 'integer', minimum: 0 } : { type: 'integer' } };
  }
  if (type === 'YEAR') return { schema: { type: 'integer', minimum: 1901, maximum: 2155 } };
  if (DECIMALS.has(type)) return { schema: decimalSchema(column) };
  if (FLOATS.has(type)) {
    return { schema: column.unsigned ? { type: 'number', minimum: 0 } : { type: 'number' } };
  }
  if (type === 'ENUM') return { schema: { type: 'string' } };
  if (STRINGS.has(type)) {
    const limited = column.length !== undefined && !type.endsWith('TEXT') && type !== 'SET';
    return { schema: limited ? { type: 'string', maxLength: column.length } : { type: 'string' } };
  }
  if (type === 'UUID') return { schema: { type: 'string', format: 'uuid' } };
  if (type === 'DATE') return { schema: { type: 'string', format: 'date' } };
  if (TIMESTAMPS_WITH_ZONE.has(type)) return { schema: { type: 'string', format: 'date-time' } };
  if (TIMESTAMPS.has(type)) return { schema: { type: 'string', format: 'iso-date-time' } };
  if (TIMES.has(type)) return { schema: { type: 'string', format: 'iso-time' } };
  if (BINARIES.has(type)) {
    const limited = column.length !== undefined && type.startsWith('VAR');
    return {
      schema: {
        type: 'string',
        contentEncoding: 'base64',
        ...(limited ? { maxLength: Math.ceil((column.length ?? 0) / 3) * 4 } : {}),
      },
    };
  }
  if (JSONS.has(type)) return { schema: {} };
  return {
    schema: {},
    unmapped: `SQL type ${type} has no JSON Schema counterpart here: write the property's schema`,
  };
}

function decimalSchema(column: ColumnDescription): PropertySchema {
  const precision = column.precision ?? column.length;
  if (precision === undefined) return { type: 'number' };
  const scale = column.scale ?? 0;
  // DECIMAL(12,2) holds up to 9999999999.99: 10^(p-s) - 10^-s
  const max = Number((10 ** (precision - scale) - 10 ** -scale).toFixed(scale));
  return {
    type: scale === 0 ? 'integer' : 'number',
    minimum: column.unsigned ? 0 : -max,
    maximum: max,
    'x-decimal': { precision, scale },
  };
}

function applyRule(schema: PropertySchema, rule: ColumnRule): void {
  switch (rule.keyword) {
    case 'enum':
      schema.enum = [...rule.value];
      return;
    case 'pattern':
      schema.pattern = rule.value;
      return;
    case 'minimum':
    case 'exclusiveMinimum':
    case 'minLength': {
      const current = schema[rule.keyword];
      if (typeof current !== 'number' || rule.value > current) schema[rule.keyword] = rule.value;
      if (rule.keyword !== 'minLength') dropLooserBound(schema, 'minimum', 'exclusiveMinimum', 1);
      return;
    }
    default: {
      const current = schema[rule.keyword];
      if (typeof current !== 'number' || rule.value < current) schema[rule.keyword] = rule.value;
      if (rule.keyword !== 'maxLength') dropLooserBound(schema, 'maximum', 'exclusiveMaximum', -1);
    }
  }
}

/** Keeps the tighter of an inclusive and an exclusive bound (`sign` 1 for lower bounds, -1 for upper). */
function dropLooserBound(schema: PropertySchema, inclusive: string, exclusive: string, sign: number): void {
  const a = schema[inclusive];
  const b = schema[exclusive];
  if (typeof a !== 'number' || typeof b !== 'number') return;
  if (sign * b >= sign * a) delete schema[inclusive];
  else delete schema[exclusive];
}

/** A literal default in the column's JSON type. */
function jsonDefault(column: ColumnDescription, schema: PropertySchema): unknown {
  const value = column.default;
  // DEFAULT NULL on a nullable column says nothing a reader needs
  if (value === undefined || value === null) return undefined;
  if (schema.type === 'boolean') return value === true || value === 1 || value === '1' || value === 'true';
  if (schema.type === 'integer' || schema.type === 'number') {
    const number = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(number) ? number : undefined;
  }
  return typeof value === 'string' ? value : String(value);
}

/**
 * Maps one column to a JSON Schema property: type, length (`maxLength`), precision, ENUM / CHECK rules,
 * nullability (`[type, "null"]`), default and comment (`description`).
 *
 * @example
 * ```ts
 * import { columnSchema } from '@tukar/contracts';
 *
 * columnSchema({ name: 'nama', dataType: 'VARCHAR', length: 100, nullable: true, rules: [] }).schema;
 * // { type: ['string', 'null'], maxLength: 100 }
 * ```
 */
export function columnSchema(column: ColumnDescription): ColumnMapping {
  const mapped = baseSchema(column);
  const schema: PropertySchema = { ...mapped.schema };
  for (const rule of column.rules) applyRule(schema, rule);
  if (column.dataType === 'ENUM' && !schema.enum) schema.enum = [];
  const fallback = jsonDefault(column, schema);
  if (column.nullable) {
    if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  }
  if (fallback !== undefined) schema.default = fallback;
  const ordered: PropertySchema = {};
  if (column.comment) ordered.description = column.comment;
  Object.assign(ordered, schema);
  return mapped.unmapped ? { schema: ordered, unmapped: mapped.unmapped } : { schema: ordered };
}
