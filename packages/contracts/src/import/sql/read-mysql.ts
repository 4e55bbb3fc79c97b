import { ImportError } from '../import-error';
import type { TableDescription } from '../table-description';
import { connectionError, loadDriver, redactUrl } from './drivers';
import { parseDdl } from './parse-ddl';
import { rowToRecord } from './record-values';

const quoteName = (name: string): string =>
  name
    .split('.')
    .map((part) => `\`${part.replace(/`/g, '``')}\``)
    .join('.');

export async function connect(url: string) {
  const mysql = await loadDriver('mysql2', () => import('mysql2/promise'));
  const parsed = new URL(url.replace(/^mariadb:/i, 'mysql:'));
  try {
    return await mysql.createConnection({
      uri: parsed.toString(),
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      jsonStrings: true,
    });
  } catch (cause) {
    throw connectionError(url, cause);
  }
}

/** `SHOW CREATE TABLE` read through the DDL parser: one path for DDL files and live tables. */
export async function describeMysqlTable(url: string, table: string): Promise<TableDescription> {
  const connection = await connect(url);
  try {
    const [rows] = await connection.query(`SHOW CREATE TABLE ${quoteName(table)}`);
    const row = Array.isArray(rows) ? (rows[0] as Record<string, unknown> | undefined) : undefined;
    const ddl = row?.['Create Table'];
    if (typeof ddl !== 'string') {
      throw new ImportError('table_not_found', `${table} in ${redactUrl(url)} is not a table (a view?)`);
    }
    const [described] = await parseDdl(ddl, 'mysql');
    if (!described) throw new ImportError('table_not_found', `${table} gave no CREATE TABLE`);
    return described;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'ER_NO_SUCH_TABLE') {
      throw new ImportError('table_not_found', `there is no table ${table} in ${redactUrl(url)}`, {
        cause: error,
      });
    }
    throw connectionError(url, error);
  } finally {
    await connection.end();
  }
}

/** Up to `limit` rows of the table, as contract records. */
export async function selectMysqlRecords(
  url: string,
  table: TableDescription,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const connection = await connect(url);
  try {
    const [rows] = await connection.query(`SELECT * FROM ${quoteName(table.name)} LIMIT ?`, [limit]);
    return (rows as Record<string, unknown>[]).map((row) => rowToRecord(row, table));
  } finally {
    await connection.end();
  }
}
