/**
 * @tukar/contracts/sql — contracts from SQL: the DDL parser (node-sql-parser) and the live MariaDB/MySQL
 * (mysql2) and PostgreSQL (pg) table readers. Node only; the drivers load on first use.
 *
 * @packageDocumentation
 */
export { parseDdl } from './parse-ddl';
