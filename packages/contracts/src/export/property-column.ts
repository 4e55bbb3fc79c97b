import { columnSchema, type PropertySchema } from '../import/column-schema';
import { writeCommentTags } from '../import/comment-tags';
import type { ColumnDescription, ColumnRule, SqlDialect } from '../import/table-description';
import { sameJson } from './inline-refs';

const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;
/** MySQL's longest VARCHAR in utf8mb4 that still fits a row. */
const MYSQL_VARCHAR_MAX = 16_383;

function types(schema: PropertySchema): string[] {
  const type = schema.type;
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

function bounds(schema: PropertySchema, skip: { min?: number; max?: number } = {}): ColumnRule[] {
  const rules: ColumnRule[] = [];
  const minimum = num(schema.minimum);
  const maximum = num(schema.maximum);
  if (minimum !== undefined && minimum !== skip.min) rules.push({ keyword: 'minimum', value: minimum });
  if (maximum !== undefined && maximum !== skip.max) rules.push({ keyword: 'maximum', value: maximum });
  const exMin = num(schema.exclusiveMinimum);
  const exMax = num(schema.exclusiveMaximum);
  if (exMin !== undefined) rules.push({ keyword: 'exclusiveMinimum', value: exMin });
  if (exMax !== undefined) rules.push({ keyword: 'exclusiveMaximum', value: exMax });
  return rules;
}

const COMPOSITION = ['anyOf', 'oneOf', 'allOf', 'not', 'if', '$ref', 'const', 'properties', 'items'];

/** The column a property becomes, before its comment. */
function baseColumn(
  name: string,
  schema: PropertySchema,
  nullable: boolean,
  dialect: SqlDialect,
  key: boolean,
): ColumnDescription {
  const nonNull = types(schema).filter((t) => t !== 'null');
  const values = Array.isArray(schema.enum) ? schema.enum.filter((v) => v !== null) : undefined;
  const fallback = schema.default;
  const base = {
    name,
    nullable,
    ...(fallback === undefined || (fallback !== null && typeof fallback === 'object')
      ? {}
      : { default: fallback as string }),
  };
  let kind = nonNull.length === 1 ? nonNull[0] : undefined;
  if (nonNull.length === 0 && values && values.length > 0) {
    kind = values.every((v) => typeof v === 'string')
      ? 'string'
      : values.every(Number.isInteger)
        ? 'integer'
        : undefined;
  }
  if (COMPOSITION.some((k) => k in schema) && kind !== 'object' && kind !== 'array') kind = undefined;
  const enumRule: ColumnRule[] = values?.every((v) => typeof v === 'string' || typeof v === 'number')
    ? [{ keyword: 'enum', value: values as (string | number)[] }]
    : [];
  const decimal = schema['x-decimal'] as { precision?: number; scale?: number } | undefined;
  switch (kind) {
    case 'string': {
      const format = schema.format;
      if (format === 'date') return { ...base, dataType: 'DATE', rules: [] };
      if (format === 'iso-date-time')
        return { ...base, dataType: dialect === 'mysql' ? 'DATETIME' : 'TIMESTAMP', rules: [] };
      if (format === 'date-time')
        return { ...base, dataType: dialect === 'mysql' ? 'DATETIME' : 'TIMESTAMPTZ', rules: [] };
      if (format === 'iso-time' || format === 'time') return { ...base, dataType: 'TIME', rules: [] };
      if (format === 'uuid' && dialect === 'postgresql') return { ...base, dataType: 'UUID', rules: [] };
      const rules: ColumnRule[] = [];
      const minLength = num(schema.minLength);
      if (minLength !== undefined && minLength > 0) rules.push({ keyword: 'minLength', value: minLength });
      if (typeof schema.pattern === 'string') rules.push({ keyword: 'pattern', value: schema.pattern });
      if (enumRule.length > 0 && dialect === 'mysql')
        return { ...base, dataType: 'ENUM', rules: [...enumRule, ...rules] };
      rules.push(...enumRule);
      const maxLength = num(schema.maxLength);
      if (maxLength !== undefined && (dialect === 'postgresql' || maxLength <= MYSQL_VARCHAR_MAX)) {
        return { ...base, dataType: 'VARCHAR', length: maxLength, rules };
      }
      // MySQL cannot index TEXT without a prefix length: a key column gets VARCHAR(255)
      if (key && dialect === 'mysql') return { ...base, dataType: 'VARCHAR', length: 255, rules };
      return { ...base, dataType: 'TEXT', rules };
    }
    case 'integer': {
      if (decimal?.precision !== undefined) {
        return {
          ...base,
          dataType: 'DECIMAL',
          precision: decimal.precision,
          scale: decimal.scale ?? 0,
          rules: [...bounds(schema), ...enumRule],
        };
      }
      const minimum = num(schema.minimum);
      const maximum = num(schema.maximum);
      const fitsInt =
        minimum !== undefined && maximum !== undefined && minimum >= INT_MIN && maximum <= INT_MAX;
      return fitsInt
        ? {
            ...base,
            dataType: dialect === 'mysql' ? 'INT' : 'INTEGER',
            rules: [...bounds(schema, { min: INT_MIN, max: INT_MAX }), ...enumRule],
          }
        : { ...base, dataType: 'BIGINT', rules: [...bounds(schema), ...enumRule] };
    }
    case 'number':
      if (decimal?.precision !== undefined) {
        return {
          ...base,
          dataType: 'DECIMAL',
          precision: decimal.precision,
          scale: decimal.scale ?? 0,
          rules: [...bounds(schema), ...enumRule],
        };
      }
      return {
        ...base,
        dataType: dialect === 'mysql' ? 'DOUBLE' : 'DOUBLE PRECISION',
        rules: [...bounds(schema), ...enumRule],
      };
    case 'boolean':
      return { ...base, dataType: 'BOOLEAN', rules: [] };
    default:
      return { name, nullable, dataType: dialect === 'mysql' ? 'JSON' : 'JSONB', rules: [] };
  }
}

/** What a column comes back as when its table is imported, with the tags the comment needs. */
function withComment(
  column: ColumnDescription,
  schema: PropertySchema,
  required: boolean,
): ColumnDescription {
  const { description, ...rules } = schema;
  const text = typeof description === 'string' ? description : undefined;
  const expected: PropertySchema = { ...columnSchema(column).schema };
  const format =
    typeof rules.format === 'string' && rules.format !== expected.format ? rules.format : undefined;
  if (format) expected.format = format;
  const pii = rules['x-pii'] === true;
  if (pii) expected['x-pii'] = true;
  const exact = sameJson(expected, rules);
  // a required field whose value may be null: the column admits NULL, the key is still always there
  const present = required && column.nullable;
  const comment = writeCommentTags(
    exact ? { text, format, pii, required: present } : { text, required: present, schema: rules },
  );
  return comment === '' ? column : { ...column, comment };
}

/**
 * The column a contract property becomes in `dialect`: SQL type, length, nullability, ENUM / CHECK rules,
 * default, and a comment with the description and, where SQL cannot say it, the rule as a tag
 * (`[format: nik]`, `[x-pii]`, `[json-schema: …]`), so that importing the table gives the property back.
 */
export function propertyColumn(
  name: string,
  schema: PropertySchema,
  required: boolean,
  dialect: SqlDialect,
  key = false,
): ColumnDescription {
  const nullable =
    !required || types(schema).includes('null') || (Array.isArray(schema.enum) && schema.enum.includes(null));
  return withComment(baseColumn(name, schema, nullable && !key, dialect, key), schema, required);
}
