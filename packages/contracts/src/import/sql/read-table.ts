import type { ImportOptions, ImportResult } from '../import-result';
import type { TableDescription } from '../table-description';
import { tableToContract } from '../table-to-contract';
import { databaseKind } from './drivers';
import { describeMysqlTable, selectMysqlRecords } from './read-mysql';
import { describePostgresTable, loadPgTypes, selectPostgresRecords } from './read-postgres';

/**
 * Describes a live table: MariaDB/MySQL through `SHOW CREATE TABLE` (mysql2), PostgreSQL through its
 * catalog (pg). The drivers load on first use; without them the error names the package to install.
 * The URL (credentials included) stays in memory: nothing of it reaches the description.
 *
 * @example
 * ```ts
 * import { describeDatabaseTable } from '@tukar/contracts/sql';
 *
 * const table = await describeDatabaseTable(process.env.DATABASE_URL ?? '', 'puskesmas');
 * console.log(table.columns.map((c) => `${c.name} ${c.dataType}`));
 * ```
 */
export async function describeDatabaseTable(url: string, table: string): Promise<TableDescription> {
  return databaseKind(url) === 'mysql' ? describeMysqlTable(url, table) : describePostgresTable(url, table);
}

/**
 * Reads up to `limit` rows of a live table as contract records: the JSON the OPD's API would serve
 * (booleans for `TINYINT(1)`, numbers for DECIMAL and BIGINT, dates as text, BLOBs in base64).
 *
 * @example
 * ```ts
 * import { compileContract } from '@tukar/contracts';
 * import { describeDatabaseTable, selectTableRecords } from '@tukar/contracts/sql';
 *
 * const url = process.env.DATABASE_URL ?? '';
 * const table = await describeDatabaseTable(url, 'puskesmas');
 * const records = await selectTableRecords(url, table, 1000);
 * ```
 */
export async function selectTableRecords(
  url: string,
  table: TableDescription,
  limit = 1000,
  qualifiedName = table.name,
): Promise<Record<string, unknown>[]> {
  if (databaseKind(url) === 'mysql') return selectMysqlRecords(url, table, limit);
  await loadPgTypes();
  return selectPostgresRecords(url, table, qualifiedName, limit);
}

/**
 * `tukar contract init --db`: a draft contract from a live table, with its rows (up to `sampleSize`,
 * default 1,000) used to check reference-code formats. Credentials come from the URL the caller read
 * from the environment and are never written to the contract.
 *
 * @example
 * ```ts
 * import { renderImportYaml } from '@tukar/contracts';
 * import { importDatabaseTable } from '@tukar/contracts/sql';
 *
 * const result = await importDatabaseTable(process.env.TUKAR_DB_URL ?? '', 'penduduk', {
 *   contract: 'disdukcapil.penduduk',
 * });
 * console.log(renderImportYaml(result));
 * ```
 */
export async function importDatabaseTable(
  url: string,
  table: string,
  options: ImportOptions & { readonly sampleSize?: number } = {},
): Promise<ImportResult> {
  const described = await describeDatabaseTable(url, table);
  const samples =
    options.samples ?? (await selectTableRecords(url, described, options.sampleSize ?? 1000, table));
  return tableToContract(described, { ...options, samples });
}
