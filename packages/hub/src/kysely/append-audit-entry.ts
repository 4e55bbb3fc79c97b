import type { Kysely, Transaction } from 'kysely';
import type { AuditRow } from '../store';
import type { HubDatabase } from './database';
import { changed } from './query-results';
import { auditToDb } from './rows';

/**
 * Appends `row` to the audit log when it follows the last entry; `false` (nothing written) when another
 * writer appended first. Entries are never removed, so "the last seq is row.seq - 1" stays true once
 * seen; the primary key settles a race between two writers of the same seq (the loser inserts nothing).
 * Used on its own and inside a batch's transaction.
 */
export async function appendAuditEntry(
  db: Kysely<HubDatabase> | Transaction<HubDatabase>,
  row: AuditRow,
): Promise<boolean> {
  const last = await db.selectFrom('audit').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (Number(last?.seq ?? 0) !== row.seq - 1) return false;
  const result = await db
    .insertInto('audit')
    .values(auditToDb(row))
    .onConflict((oc) => oc.column('seq').doNothing())
    .executeTakeFirst();
  return changed(result);
}
