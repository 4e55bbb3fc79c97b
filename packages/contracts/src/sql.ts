/**
 * @tukar/contracts/sql — contracts from SQL: the DDL parser (node-sql-parser) and the live MariaDB/MySQL
 * (mysql2) and PostgreSQL (pg) table readers. Node only; the parser grammars and the drivers load on
 * first use (install `mysql2` or `pg` next to @tukar/contracts for the database you read).
 *
 * @packageDocumentation
 */
export { parseDdl } from './import/sql/parse-ddl';
export type { QueryDescription } from './import/sql/read-query';
export { describeDatabaseQuery } from './import/sql/read-query';
export { describeDatabaseTable, importDatabaseTable, selectTableRecords } from './import/sql/read-table';
