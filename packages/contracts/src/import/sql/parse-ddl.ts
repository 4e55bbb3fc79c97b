import { ImportError } from '../import-error';
import type { ColumnDescription, ColumnRule, SqlDialect, TableDescription } from '../table-description';
import { type AstNode, columnName, hideBackslashes, list, literal, node, text, unescapeSql } from './ast';
import { checkRules, jsonValidColumn } from './check-rules';

interface SqlParser {
  astify(sql: string, options?: { database?: string }): unknown;
  exprToSQL(expression: unknown, options?: { database?: string }): string;
}

type ParserModule = { Parser?: new () => SqlParser; default?: { Parser?: new () => SqlParser } };

const parsers = new Map<string, SqlParser>();

/** node-sql-parser's grammar for one dialect, loaded on first use (each is several hundred kB). */
async function loadParser(grammar: 'mariadb' | 'mysql' | 'postgresql'): Promise<SqlParser> {
  const cached = parsers.get(grammar);
  if (cached) return cached;
  const loaded: ParserModule =
    grammar === 'mariadb'
      ? await import('node-sql-parser/build/mariadb.js')
      : grammar === 'mysql'
        ? await import('node-sql-parser/build/mysql.js')
        : await import('node-sql-parser/build/postgresql.js');
  const Parser = loaded.Parser ?? loaded.default?.Parser;
  if (!Parser) throw new ImportError('invalid_input', `node-sql-parser has no ${grammar} grammar`);
  const parser = new Parser();
  parsers.set(grammar, parser);
  return parser;
}

const DATABASE = { mariadb: 'MariaDB', mysql: 'MySQL', postgresql: 'PostgresQL' } as const;

interface MutableColumn {
  name: string;
  dataType: string;
  length?: number;
  precision?: number;
  scale?: number;
  unsigned?: boolean;
  nullable: boolean;
  autoIncrement?: boolean;
  default?: string | number | boolean | null;
  comment?: string;
  rules: ColumnRule[];
}

interface MutableTable {
  name: string;
  comment?: string;
  columns: MutableColumn[];
  primaryKey: string[];
  uniqueKeys: string[][];
  otherChecks: string[];
}

function dataTypeOf(definition: AstNode): string {
  const base = String(definition.dataType ?? '').toUpperCase();
  const suffix = list(definition.suffix).map((s) => String(s).toUpperCase());
  if ((base === 'TIMESTAMP' || base === 'TIME') && suffix.join(' ') === 'WITH TIME ZONE') {
    return `${base} WITH TIME ZONE`;
  }
  return base;
}

function keyColumns(definition: unknown): string[] {
  return list(definition)
    .map((ref) => columnName(ref))
    .filter((name): name is string => name !== undefined);
}

function quoted(value: string, dialect: SqlDialect): string {
  const match = /^'([\s\S]*)'$/.exec(value.trim());
  return match ? unescapeSql(match[1] ?? '', dialect) : value;
}

function addCheck(
  table: MutableTable,
  expression: unknown,
  parser: SqlParser,
  database: string,
  dialect: SqlDialect,
): void {
  const json = jsonValidColumn(expression);
  const jsonColumn = json ? table.columns.find((c) => c.name === json) : undefined;
  if (jsonColumn) {
    jsonColumn.dataType = 'JSON';
    return;
  }
  const rules = checkRules(expression, dialect);
  const targets = rules?.map((r) => table.columns.find((c) => c.name === r.column));
  if (rules && targets?.every((t) => t !== undefined)) {
    for (const [i, r] of rules.entries()) targets[i]?.rules.push(r.rule);
    return;
  }
  table.otherChecks.push(parser.exprToSQL(expression, { database }).replaceAll('\u0001', '\\'));
}

function readColumn(def: AstNode, dialect: SqlDialect, table: MutableTable): MutableColumn | undefined {
  const name = columnName(def.column);
  const definition = node(def.definition);
  if (!name || !definition) return undefined;
  const dataType = dataTypeOf(definition);
  const column: MutableColumn = {
    name,
    dataType,
    nullable: node(def.nullable)?.type !== 'not null',
    rules: [],
  };
  const length = definition.length;
  if (typeof length === 'number') {
    if (dataType === 'DECIMAL' || dataType === 'NUMERIC' || dataType === 'DEC') {
      column.precision = length;
      column.scale = typeof definition.scale === 'number' ? definition.scale : 0;
    } else column.length = length;
  }
  if (list(definition.suffix).some((s) => String(s).toUpperCase() === 'UNSIGNED')) column.unsigned = true;
  if (dataType === 'ENUM' || dataType === 'SET') {
    const values = list(node(definition.expr)?.value).map((v) => literal(v, dialect));
    const strings = values.filter((v): v is string => typeof v === 'string');
    if (dataType === 'ENUM') column.rules.push({ keyword: 'enum', value: strings });
  }
  if (def.auto_increment) column.autoIncrement = true;
  const fallback = literal(node(def.default_val)?.value, dialect);
  if (fallback !== undefined) column.default = fallback;
  const comment = node(node(def.comment)?.value);
  if (comment && typeof comment.value === 'string') column.comment = unescapeSql(comment.value, dialect);
  if (def.primary_key) {
    table.primaryKey.push(name);
    column.nullable = false;
  }
  if (def.unique) table.uniqueKeys.push([name]);
  return column;
}

function readTable(
  statement: AstNode,
  parser: SqlParser,
  database: string,
  dialect: SqlDialect,
): MutableTable {
  const tableRef = node(list(statement.table)[0]);
  const table: MutableTable = {
    name: text(tableRef?.table) ?? 'table',
    columns: [],
    primaryKey: [],
    uniqueKeys: [],
    otherChecks: [],
  };
  const checks: unknown[] = [];
  for (const item of list(statement.create_definitions)) {
    const def = node(item);
    if (!def) continue;
    if (def.resource === 'column') {
      const column = readColumn(def, dialect, table);
      if (column) table.columns.push(column);
      for (const expression of list(node(def.check)?.definition)) checks.push(expression);
      continue;
    }
    const kind = String(def.constraint_type ?? '').toLowerCase();
    if (kind === 'primary key') table.primaryKey = keyColumns(def.definition);
    else if (kind.startsWith('unique')) table.uniqueKeys.push(keyColumns(def.definition));
    else if (kind === 'check') for (const expression of list(def.definition)) checks.push(expression);
  }
  for (const name of table.primaryKey) {
    const column = table.columns.find((c) => c.name === name);
    if (column) column.nullable = false;
  }
  for (const expression of checks) addCheck(table, expression, parser, database, dialect);
  for (const option of list(statement.table_options)) {
    const o = node(option);
    if (o?.keyword === 'comment' && typeof o.value === 'string') table.comment = quoted(o.value, dialect);
  }
  return table;
}

function applyComment(statement: AstNode, tables: MutableTable[], dialect: SqlDialect): void {
  const target = node(statement.target);
  const value = literal(node(statement.expr)?.expr, dialect);
  if (typeof value !== 'string' || !target) return;
  const name = node(target.name);
  if (target.type === 'table') {
    const table = tables.find((t) => t.name === text(name?.table));
    if (table) table.comment = value;
  } else if (target.type === 'column') {
    const tableName = text(name?.table);
    const column = columnName(name);
    const table = tables.find((t) => t.name === tableName) ?? (tables.length === 1 ? tables[0] : undefined);
    const found = table?.columns.find((c) => c.name === column);
    if (found) found.comment = value;
  }
}

/**
 * Reads the `CREATE TABLE` statements of SQL DDL (MySQL/MariaDB or PostgreSQL, as `SHOW CREATE TABLE`
 * or `pg_dump` writes them) into table descriptions; PostgreSQL `COMMENT ON` statements become
 * descriptions. Other statements are skipped. Uses node-sql-parser.
 *
 * @example
 * ```ts
 * import { tableToContract } from '@tukar/contracts';
 * import { parseDdl } from '@tukar/contracts/sql';
 *
 * const [table] = await parseDdl(
 *   "CREATE TABLE sekolah (npsn CHAR(8) PRIMARY KEY, nama VARCHAR(120) NOT NULL COMMENT 'Nama sekolah')",
 *   'mysql',
 * );
 * if (table) console.log(tableToContract(table).contract.schema);
 * ```
 */
export async function parseDdl(sql: string, dialect: SqlDialect): Promise<TableDescription[]> {
  const grammars = dialect === 'mysql' ? (['mariadb', 'mysql'] as const) : (['postgresql'] as const);
  let lastError: unknown;
  for (const grammar of grammars) {
    const parser = await loadParser(grammar);
    const database = DATABASE[grammar];
    let ast: unknown;
    try {
      ast = parser.astify(dialect === 'postgresql' ? hideBackslashes(sql) : sql, { database });
    } catch (error) {
      lastError = error;
      continue;
    }
    const tables: MutableTable[] = [];
    const statements = Array.isArray(ast) ? ast : [ast];
    for (const statement of statements.map(node)) {
      if (statement?.type === 'create' && statement.keyword === 'table') {
        tables.push(readTable(statement, parser, database, dialect));
      } else if (statement?.type === 'comment') applyComment(statement, tables, dialect);
    }
    return tables.map((t) => ({ ...t, dialect, columns: t.columns.map((c): ColumnDescription => c) }));
  }
  const detail = lastError instanceof Error ? lastError.message : String(lastError);
  throw new ImportError(
    'sql_syntax',
    `the ${dialect === 'mysql' ? 'MySQL/MariaDB' : 'PostgreSQL'} DDL does not parse: ${detail}`,
    { cause: lastError },
  );
}
