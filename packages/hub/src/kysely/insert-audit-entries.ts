import type { Kysely, Transaction } from 'kysely';
import type { AuditEntryInput } from '../store';
import type { HubDatabase } from './database';
import { auditToDb } from './rows';

/** Entries per multi-row insert: 9 values a row, well under both dialects' parameter limits. */
const ROWS_PER_INSERT = 500;

/**
 * Inserts audit entries; the database gives each its id (SQLite rowid, PostgreSQL identity), so no
 * writer reads the log or waits for another one. Used on its own (in a transaction when there are
 * several statements) and inside a batch's transaction.
 */
export async function insertAuditEntries(
  db: Kysely<HubDatabase> | Transaction<HubDatabase>,
  entries: readonly AuditEntryInput[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += ROWS_PER_INSERT) {
    await db
      .insertInto('audit')
      .values(entries.slice(i, i + ROWS_PER_INSERT).map(auditToDb))
      .execute();
  }
}
