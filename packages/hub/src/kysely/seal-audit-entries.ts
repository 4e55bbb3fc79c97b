import { type Kysely, sql } from 'kysely';
import { seqRanges } from '../evidence/checkpoint';
import type { AuditCheckpointRow, AuditSealer } from '../store';
import type { HubDatabase } from './database';
import type { SqlDialectName } from './migrations';
import { auditFromDb } from './rows';

/** The PostgreSQL advisory lock the sealer holds for its transaction ("tukars" in ASCII). */
const SEALER_LOCK = 0x74756b61_7273;

/**
 * Seals the oldest unsealed entries into the next checkpoint, in one transaction: one sealer at a time
 * (PostgreSQL: a transaction-level advisory lock, tried, not waited for; SQLite: the write lock every
 * store transaction takes when it begins). The entries sealed are marked by their id ranges as read, so
 * an entry another transaction commits meanwhile, even with a lower id, stays unsealed for the next one.
 */
export function sealAuditEntries(
  db: Kysely<HubDatabase>,
  dialect: SqlDialectName,
  limit: number,
  seal: AuditSealer,
): Promise<AuditCheckpointRow | undefined> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') {
      const { rows } = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_xact_lock(${sql.lit(SEALER_LOCK)}) as locked`.execute(trx);
      if (!rows[0]?.locked) return undefined;
    }
    const rows = await trx
      .selectFrom('audit')
      .selectAll()
      .where('checkpoint', 'is', null)
      .orderBy('seq')
      .limit(limit)
      .execute();
    if (rows.length === 0) return undefined;
    const previous = await trx
      .selectFrom('audit_checkpoints')
      .select(['number', 'jws'])
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
    const entries = rows.map(auditFromDb);
    const checkpoint = await seal(
      entries,
      previous && { number: Number(previous.number), jws: previous.jws },
    );
    await trx.insertInto('audit_checkpoints').values(checkpoint).execute();
    for (const [from, to] of seqRanges(entries.map((entry) => entry.seq))) {
      await trx
        .updateTable('audit')
        .set({ checkpoint: checkpoint.number })
        .where('seq', '>=', from)
        .where('seq', '<=', to)
        .execute();
    }
    return checkpoint;
  });
}
