import type { Contract } from '../contract-schema';
import type { PropertySchema } from '../import/column-schema';
import { writeCommentTags } from '../import/comment-tags';
import type { ColumnDescription, ColumnRule, SqlDialect } from '../import/table-description';
import { inlineRefs } from './inline-refs';
import { propertyColumn } from './property-column';

/**
 * Options of {@link toDdl}.
 *
 * @example
 * ```ts
 * import type { DdlOptions } from '@tukar/contracts';
 *
 * const options: DdlOptions = { table: 'puskesmas_ciamis' };
 * ```
 */
export interface DdlOptions {
  /** Table name; default: the dataset part of the contract id, `-` written `_`. */
  readonly table?: string;
}

function quoteName(name: string, dialect: SqlDialect): string {
  if (dialect === 'mysql') return `\`${name.replace(/`/g, '``')}\``;
  // always quoted: a field may be called `as`, `order` or `user`
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteText(value: string, dialect: SqlDialect): string {
  const escaped = dialect === 'mysql' ? value.replace(/\\/g, '\\\\') : value;
  return `'${escaped.replace(/'/g, "''")}'`;
}

function literal(value: string | number | boolean | null, dialect: SqlDialect): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  return quoteText(value, dialect);
}

function typeSql(column: ColumnDescription, dialect: SqlDialect): string {
  const type = column.dataType;
  if (type === 'ENUM') {
    const values = column.rules.find((r) => r.keyword === 'enum')?.value ?? [];
    return `ENUM(${values.map((v) => quoteText(String(v), dialect)).join(', ')})`;
  }
  if (column.precision !== undefined) return `${type}(${column.precision},${column.scale ?? 0})`;
  if (column.length !== undefined) return `${type}(${column.length})`;
  return type;
}

function ruleSql(name: string, rule: ColumnRule, dialect: SqlDialect): string {
  const column = quoteName(name, dialect);
  switch (rule.keyword) {
    case 'enum':
      return `${column} IN (${rule.value.map((v) => literal(v, dialect)).join(', ')})`;
    case 'pattern':
      return `${column} ${dialect === 'mysql' ? 'REGEXP' : '~'} ${quoteText(rule.value, dialect)}`;
    case 'minLength':
      return `CHAR_LENGTH(${column}) >= ${rule.value}`;
    case 'maxLength':
      return `CHAR_LENGTH(${column}) <= ${rule.value}`;
    case 'minimum':
      return `${column} >= ${rule.value}`;
    case 'maximum':
      return `${column} <= ${rule.value}`;
    case 'exclusiveMinimum':
      return `${column} > ${rule.value}`;
    case 'exclusiveMaximum':
      return `${column} < ${rule.value}`;
  }
}

/** The table name a contract's data gets by default: `dinkes.puskesmas` → `puskesmas`. */
export function defaultTableName(contract: Pick<Contract, 'contract'>): string {
  return (contract.contract.split('.').pop() ?? contract.contract).replace(/-/g, '_');
}

/** The columns of a contract's table in `dialect` (top-level properties, `$ref`s inlined). */
export function contractColumns(contract: Contract, dialect: SqlDialect): ColumnDescription[] {
  const schema = contract.schema as { properties?: Record<string, unknown>; required?: unknown };
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const keys = new Set(contract.primaryKey);
  return Object.entries(schema.properties ?? {}).map(([name, property]) =>
    propertyColumn(
      name,
      inlineRefs(contract.schema, property) as PropertySchema,
      required.has(name),
      dialect,
      keys.has(name),
    ),
  );
}

/**
 * `CREATE TABLE` for the consumer's own copy of the data (MySQL/MariaDB or PostgreSQL): one column per
 * top-level property, `NOT NULL` for required fields, the primary key, `x-unique` keys, ENUM and CHECK
 * constraints for lists, bounds, lengths and patterns, and comments with the descriptions. What SQL
 * cannot state (reference formats, `x-pii`, nested schemas) rides in the column comment as a tag, so
 * that `tukar contract init` on the table gives the contract's fields back.
 *
 * @example
 * ```ts
 * import { loadContract, toDdl } from '@tukar/contracts';
 *
 * const loaded = await loadContract('contracts/dinkes.puskesmas.yaml');
 * if (loaded.ok) console.log(toDdl(loaded.contract, 'postgresql'));
 * ```
 */
export function toDdl(contract: Contract, dialect: SqlDialect, options: DdlOptions = {}): string {
  const table = options.table ?? defaultTableName(contract);
  const columns = contractColumns(contract, dialect);
  const lines: string[] = [];
  const checks: string[] = [];
  for (const column of columns) {
    const parts = [
      quoteName(column.name, dialect),
      typeSql(column, dialect),
      column.nullable ? 'NULL' : 'NOT NULL',
    ];
    if (column.default !== undefined) parts.push(`DEFAULT ${literal(column.default, dialect)}`);
    if (column.comment && dialect === 'mysql') parts.push(`COMMENT ${quoteText(column.comment, dialect)}`);
    lines.push(parts.join(' '));
    for (const rule of column.rules) {
      if (column.dataType === 'ENUM' && rule.keyword === 'enum') continue;
      checks.push(ruleSql(column.name, rule, dialect));
    }
  }
  lines.push(`PRIMARY KEY (${contract.primaryKey.map((k) => quoteName(k, dialect)).join(', ')})`);
  const unique = (contract.schema as { 'x-unique'?: unknown })['x-unique'];
  if (Array.isArray(unique)) {
    for (const key of unique) {
      if (Array.isArray(key))
        lines.push(`UNIQUE (${key.map((k) => quoteName(String(k), dialect)).join(', ')})`);
    }
  }
  checks.forEach((check, i) => {
    lines.push(`CONSTRAINT ${quoteName(`${table}_check_${i + 1}`, dialect)} CHECK (${check})`);
  });
  const name = quoteName(table, dialect);
  const closed = (contract.schema as { additionalProperties?: unknown }).additionalProperties === false;
  const tableComment = writeCommentTags({ text: contract.title, closed });
  const header = `-- ${contract.contract} ${contract.version}: ${contract.title.replace(/\n/g, ' ')}\n`;
  const body = `CREATE TABLE ${name} (\n  ${lines.join(',\n  ')}\n)`;
  if (dialect === 'mysql') return `${header}${body} COMMENT=${quoteText(tableComment, dialect)};\n`;
  const comments = [`COMMENT ON TABLE ${name} IS ${quoteText(tableComment, dialect)};`];
  for (const column of columns) {
    if (column.comment) {
      comments.push(
        `COMMENT ON COLUMN ${name}.${quoteName(column.name, dialect)} IS ${quoteText(column.comment, dialect)};`,
      );
    }
  }
  return `${header}${body};\n${comments.join('\n')}\n`;
}
