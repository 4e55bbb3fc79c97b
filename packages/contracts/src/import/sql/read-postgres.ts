import { ImportError } from '../import-error';
import type { ColumnDescription, ColumnRule, TableDescription } from '../table-description';
import { node } from './ast';
import { checkRules } from './check-rules';
import { connectionError, loadDriver, redactUrl } from './drivers';
import { rowToRecord } from './record-values';

const TYPE_NAMES: Record<string, string> = {
  'character varying': 'VARCHAR',
  character: 'CHAR',
  'timestamp without time zone': 'TIMESTAMP',
  'timestamp with time zone': 'TIMESTAMPTZ',
  'time without time zone': 'TIME',
  'time with time zone': 'TIMETZ',
  'double precision': 'DOUBLE PRECISION',
  'bit varying': 'VARBIT',
};

/** `character varying(120)`, `numeric(5,2)`, `timestamp(3) with time zone`, `text[]` → parts. */
export function parsePgType(
  formatted: string,
): Pick<ColumnDescription, 'dataType' | 'length' | 'precision' | 'scale'> {
  const array = formatted.endsWith('[]');
  const base = array ? formatted.slice(0, -2) : formatted;
  const match = /^([a-z0-9_ "]+?)(?:\((\d+)(?:,(\d+))?\))?( with(?:out)? time zone)?$/i.exec(base);
  const name = `${match?.[1] ?? base}${match?.[4] ?? ''}`.trim().toLowerCase();
  const dataType = (TYPE_NAMES[name] ?? name.toUpperCase()) + (array ? '[]' : '');
  const first = match?.[2] === undefined ? undefined : Number(match[2]);
  const second = match?.[3] === undefined ? undefined : Number(match[3]);
  if (name === 'numeric' || name === 'decimal') {
    return { dataType, ...(first === undefined ? {} : { precision: first, scale: second ?? 0 }) };
  }
  if (name.startsWith('time')) return { dataType };
  return { dataType, ...(first === undefined ? {} : { length: first }) };
}

function pgDefault(expression: string | null): ColumnDescription['default'] {
  if (expression === null) return undefined;
  const text = /^'((?:[^']|'')*)'(?:::[\w ."]+)?$/.exec(expression);
  if (text) return (text[1] ?? '').replace(/''/g, "'");
  const number = /^\(?(-?\d+(?:\.\d+)?)\)?(?:::[\w ."]+)?$/.exec(expression);
  if (number) return Number(number[1]);
  if (expression === 'true' || expression === 'false') return expression === 'true';
  return undefined;
}

interface ColumnRow {
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
  comment: string | null;
  enum_values: string[] | null;
  identity: string;
}

export async function connect(url: string) {
  const pg = await loadDriver('pg', () => import('pg'));
  const Client = pg.Client ?? pg.default.Client;
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch (cause) {
    throw connectionError(url, cause);
  }
  return client;
}

/** Reads a PostgreSQL table from the catalog: columns, enums, keys, checks and comments. */
export async function describePostgresTable(url: string, table: string): Promise<TableDescription> {
  const client = await connect(url);
  try {
    const exists = await client.query<{ oid: string | null }>('SELECT to_regclass($1)::oid AS oid', [table]);
    const oid = exists.rows[0]?.oid;
    if (!oid) throw new ImportError('table_not_found', `there is no table ${table} in ${redactUrl(url)}`);
    const columns = await client.query<ColumnRow>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
              pg_get_expr(d.adbin, d.adrelid) AS default, col_description(a.attrelid, a.attnum) AS comment,
              (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = a.atttypid) AS enum_values,
              a.attidentity::text AS identity
         FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      [oid],
    );
    const keys = await client.query<{ primary: boolean; columns: string[] }>(
      `SELECT i.indisprimary AS primary,
              array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(n, o)
                      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o) AS columns
         FROM pg_index i WHERE i.indrelid = $1 AND i.indisunique ORDER BY i.indexrelid`,
      [oid],
    );
    const checks = await client.query<{ definition: string }>(
      `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1 AND contype = 'c' ORDER BY oid`,
      [oid],
    );
    const comment = await client.query<{ comment: string | null }>(
      `SELECT obj_description($1, 'pg_class') AS comment`,
      [oid],
    );
    const described: ColumnDescription[] = columns.rows.map((row) => {
      const enumValues = row.enum_values;
      const serial = row.identity !== '' || (row.default ?? '').startsWith('nextval(');
      const fallback = serial ? undefined : pgDefault(row.default);
      return {
        name: row.name,
        ...(enumValues ? { dataType: 'ENUM' } : parsePgType(row.type)),
        nullable: row.nullable,
        ...(serial ? { autoIncrement: true } : {}),
        ...(fallback === undefined ? {} : { default: fallback }),
        ...(row.comment ? { comment: row.comment } : {}),
        rules: enumValues ? [{ keyword: 'enum', value: enumValues }] : [],
      } as ColumnDescription;
    });
    const otherChecks: string[] = [];
    for (const { definition } of checks.rows) {
      const rules = await checkRulesOf(definition);
      const targets = rules?.map((r) => described.find((c) => c.name === r.column));
      if (rules && targets?.every((t) => t !== undefined)) {
        for (const [i, r] of rules.entries()) (targets[i]?.rules as ColumnRule[] | undefined)?.push(r.rule);
      } else otherChecks.push(definition.replace(/^CHECK \(|\)$/g, ''));
    }
    const primary = keys.rows.find((k) => k.primary);
    return {
      name: table.split('.').pop() ?? table,
      dialect: 'postgresql',
      ...(comment.rows[0]?.comment ? { comment: comment.rows[0].comment } : {}),
      columns: described,
      primaryKey: primary?.columns ?? [],
      uniqueKeys: keys.rows.filter((k) => !k.primary).map((k) => k.columns),
      otherChecks,
    };
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw connectionError(url, error);
  } finally {
    await client.end();
  }
}

let parserPromise: Promise<{ astify(sql: string, o?: object): unknown }> | undefined;

/** Parses `CHECK (…)` as written by pg_get_constraintdef into per-column rules. */
async function checkRulesOf(definition: string): Promise<{ column: string; rule: ColumnRule }[] | undefined> {
  const expression = /^CHECK \(([\s\S]*)\)$/.exec(definition)?.[1];
  if (!expression) return undefined;
  parserPromise ??= import('node-sql-parser/build/postgresql.js').then((m) => {
    const loaded = m as unknown as { Parser?: new () => never; default?: { Parser: new () => never } };
    const Parser = loaded.Parser ?? loaded.default?.Parser;
    return new (Parser as unknown as new () => { astify(sql: string, o?: object): unknown })();
  });
  const parser = await parserPromise;
  try {
    // node-sql-parser does not take every `'…'::type` cast (after `~` for one): the casts add no rule
    const uncast = expression.replace(
      /::(?:"[^"]+"|[a-z_][a-z0-9_]*(?: varying| precision| with(?:out)? time zone)?)(?:\[\])?/gi,
      '',
    );
    const ast = parser.astify(`SELECT 1 WHERE ${uncast}`, { database: 'PostgresQL' });
    const select = node(Array.isArray(ast) ? ast[0] : ast);
    return checkRules(select?.where, 'postgresql');
  } catch {
    return undefined;
  }
}

/** Up to `limit` rows of the table, as contract records (numbers as numbers, dates as written). */
export async function selectPostgresRecords(
  url: string,
  table: TableDescription,
  qualifiedName: string,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const client = await connect(url);
  const quoted = qualifiedName
    .split('.')
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join('.');
  try {
    const result = await client.query({
      text: `SELECT * FROM ${quoted} LIMIT $1`,
      values: [limit],
      types: RECORD_TYPES,
    });
    return result.rows.map((row: Record<string, unknown>) => rowToRecord(row, table));
  } finally {
    await client.end();
  }
}

let pgTypeParser: ((oid: number, format?: string) => (value: string) => unknown) | undefined;

/** Dates and timestamps as PostgreSQL writes them; everything else as pg parses it. */
export const RECORD_TYPES = {
  getTypeParser: (oid: number, format?: string) => {
    if (oid === 1082 || oid === 1114 || oid === 1184 || oid === 1083 || oid === 1266) {
      return (value: string) => value;
    }
    return pgTypes(oid, format);
  },
};
function pgTypes(oid: number, format?: string): (value: string) => unknown {
  if (!pgTypeParser) return (value: string) => value;
  return pgTypeParser(oid, format);
}

/** Loads pg's own type parsers (for the types left to pg). */
export async function loadPgTypes(): Promise<void> {
  const pg = await loadDriver('pg', () => import('pg'));
  const types = pg.types ?? pg.default.types;
  pgTypeParser = (oid, format) =>
    types.getTypeParser(oid, (format ?? 'text') as 'text') as (value: string) => unknown;
}
