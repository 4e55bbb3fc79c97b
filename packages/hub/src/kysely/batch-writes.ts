import type { Transaction } from 'kysely';
import type { ChangeRow, RecordRow } from '../store';
import type { HubDatabase } from './database';

/**
 * The statements a batch's transaction runs on the `records` and `changes` tables, one implementation per
 * dialect: SQLite binds multi-row statements (`sqliteBatchWrites`), PostgreSQL binds arrays and expands
 * them with `unnest` (`postgresBatchWrites`), so a batch of any size is a fixed handful of round trips.
 * Every lookup is by the primary key's leading columns, so the index serves it with or without statistics.
 */
export interface BatchWrites {
  /** The stored JSON text of those of `keys` that exist in the dataset. */
  storedJson(trx: Transaction<HubDatabase>, datasetId: string, keys: string[]): Promise<Map<string, string>>;
  /** Inserts the rows, replacing those whose key is stored. */
  upsertRecords(trx: Transaction<HubDatabase>, datasetId: string, rows: readonly RecordRow[]): Promise<void>;
  /** Deletes the records of `keys`. */
  deleteRecords(trx: Transaction<HubDatabase>, datasetId: string, keys: readonly string[]): Promise<void>;
  /** Appends the entries to the changes feed. */
  insertChanges(
    trx: Transaction<HubDatabase>,
    datasetId: string,
    changes: readonly ChangeRow[],
  ): Promise<void>;
}
