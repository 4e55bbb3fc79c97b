import type { ColumnDescription, TableDescription } from '../table-description';
import { connectionError, databaseKind } from './drivers';
import { connect as connectMysql } from './read-mysql';
import { connect as connectPostgres, loadPgTypes, parsePgType, RECORD_TYPES } from './read-postgres';
import { rowToRecord } from './record-values';

/**
 * A query's columns (from the result's metadata) and its rows as contract records.
 *
 * @example
 * ```ts
 * import type { QueryDescription } from '@tukar/contracts/sql';
 *
 * declare const described: QueryDescription;
 * console.log(described.table.columns.map((c) => c.name), described.records.length);
 * ```
 */
export interface QueryDescription {
  readonly table: TableDescription;
  readonly records: Record<string, unknown>[];
}

// MySQL protocol column types and flags (include/mysql_com.h)
const MYSQL_TYPES: Record<number, string> = {
  1: 'TINYINT',
  2: 'SMALLINT',
  3: 'INT',
  4: 'FLOAT',
  5: 'DOUBLE',
  7: 'TIMESTAMP',
  8: 'BIGINT',
  9: 'MEDIUMINT',
  10: 'DATE',
  11: 'TIME',
  12: 'DATETIME',
  13: 'YEAR',
  15: 'VARCHAR',
  16: 'BIT',
  245: 'JSON',
  246: 'DECIMAL',
  252: 'TEXT',
  253: 'VARCHAR',
  254: 'CHAR',
};
const NOT_NULL = 1;
const PRIMARY_KEY = 2;
const UNSIGNED = 32;
const ENUM = 256;
const SET = 2048;
const BINARY_CHARSET = 63;

interface MysqlField {
  name: string;
  columnType?: number;
  columnLength?: number;
  decimals: number;
  flags: number | string[];
  characterSet?: number;
}

function mysqlColumn(field: MysqlField): ColumnDescription {
  const flags = typeof field.flags === 'number' ? field.flags : 0;
  const unsigned = (flags & UNSIGNED) !== 0;
  let dataType = MYSQL_TYPES[field.columnType ?? 0] ?? 'TEXT';
  const bytes = field.columnLength ?? 0;
  const perChar = field.characterSet === BINARY_CHARSET ? 1 : field.characterSet === 33 ? 3 : 4;
  if ((flags & ENUM) !== 0) dataType = 'ENUM';
  if ((flags & SET) !== 0) dataType = 'SET';
  if (dataType === 'TEXT' && field.characterSet === BINARY_CHARSET) dataType = 'BLOB';
  const base = {
    name: field.name,
    dataType,
    nullable: (flags & NOT_NULL) === 0,
    rules: [],
    ...(unsigned ? { unsigned } : {}),
  };
  if (dataType === 'DECIMAL') {
    const precision = bytes - (field.decimals > 0 ? 1 : 0) - (unsigned ? 0 : 1);
    return { ...base, precision, scale: field.decimals };
  }
  if (dataType === 'VARCHAR' || dataType === 'CHAR') return { ...base, length: Math.floor(bytes / perChar) };
  if (dataType === 'TINYINT' || dataType === 'BIT') return { ...base, length: bytes };
  return base;
}

async function describeMysqlQuery(url: string, sql: string, limit: number): Promise<QueryDescription> {
  const connection = await connectMysql(url);
  try {
    const [rows, fields] = await connection.query(`SELECT * FROM (${sql}) AS tukar_query LIMIT ?`, [limit]);
    const columns = (fields as unknown as MysqlField[]).map(mysqlColumn);
    const primaryKey = (fields as unknown as MysqlField[])
      .filter((f) => typeof f.flags === 'number' && (f.flags & PRIMARY_KEY) !== 0)
      .map((f) => f.name);
    const table: TableDescription = {
      name: 'query',
      dialect: 'mysql',
      columns,
      primaryKey,
      uniqueKeys: [],
      otherChecks: [],
    };
    return { table, records: (rows as Record<string, unknown>[]).map((row) => rowToRecord(row, table)) };
  } catch (error) {
    throw connectionError(url, error);
  } finally {
    await connection.end();
  }
}

async function describePostgresQuery(url: string, sql: string, limit: number): Promise<QueryDescription> {
  await loadPgTypes();
  const client = await connectPostgres(url);
  try {
    const result = await client.query({
      text: `SELECT * FROM (${sql}) AS tukar_query LIMIT $1`,
      values: [limit],
      types: RECORD_TYPES,
    });
    const columns: ColumnDescription[] = [];
    for (const field of result.fields) {
      const meta = await client.query<{ type: string; not_null: boolean | null }>(
        `SELECT format_type($1::oid, $2::int) AS type,
                (SELECT attnotnull FROM pg_attribute WHERE attrelid = $3::oid AND attnum = $4::int) AS not_null`,
        [field.dataTypeID, field.dataTypeModifier, field.tableID, field.columnID],
      );
      const row = meta.rows[0];
      columns.push({
        name: field.name,
        ...parsePgType(row?.type ?? 'text'),
        nullable: row?.not_null !== true,
        rules: [],
      });
    }
    const table: TableDescription = {
      name: 'query',
      dialect: 'postgresql',
      columns,
      primaryKey: [],
      uniqueKeys: [],
      otherChecks: [],
    };
    return { table, records: result.rows.map((row: Record<string, unknown>) => rowToRecord(row, table)) };
  } catch (error) {
    throw connectionError(url, error);
  } finally {
    await client.end();
  }
}

/**
 * Describes the result of a query (MariaDB/MySQL or PostgreSQL) from its metadata — column types,
 * lengths, precision, NOT NULL of the columns it comes from, and (MySQL) primary key flags — and reads
 * up to `limit` rows as sample records. For a view or a join the OPD serves instead of one table.
 *
 * @example
 * ```ts
 * import { tableToContract } from '@tukar/contracts';
 * import { describeDatabaseQuery } from '@tukar/contracts/sql';
 *
 * const { table, records } = await describeDatabaseQuery(
 *   process.env.SIMPUS_DB ?? '',
 *   'SELECT p.kode, p.nama, k.kode_desa FROM puskesmas p JOIN kelurahan k ON k.id = p.kelurahan_id',
 * );
 * const result = tableToContract({ ...table, name: 'puskesmas' }, { samples: records });
 * ```
 */
export async function describeDatabaseQuery(
  url: string,
  sql: string,
  limit = 1000,
): Promise<QueryDescription> {
  const query = sql.trim().replace(/;\s*$/, '');
  return databaseKind(url) === 'mysql'
    ? describeMysqlQuery(url, query, limit)
    : describePostgresQuery(url, query, limit);
}
