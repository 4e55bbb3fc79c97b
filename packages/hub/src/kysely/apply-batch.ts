import type { Kysely, Transaction } from 'kysely';
import type { BatchCounts, BatchInput, BatchOutcome, IdempotencyRecord } from '../store';
import { planBatch } from '../store/plan-batch';
import type { BatchWrites } from './batch-writes';
import type { HubDatabase } from './database';
import { insertAuditEntries } from './insert-audit-entries';
import type { SqlDialectName } from './migrations';
import { changed } from './query-results';

/**
 * Thrown inside a batch's transaction when another request stored the same idempotency key after this one
 * read it: possible only when one scope spans datasets, whose batches do not wait for each other.
 */
class IdempotencyKeyTaken extends Error {}

/**
 * The `idempotency` table predates outcomes: it keeps the counts as the JSON text of the first answer's
 * body, with that answer's status (200: only applied batches are stored). Rows of earlier versions read
 * the same.
 */
function countsFromDb(body: string): BatchCounts {
  const { created, updated, unchanged, deleted, seq } = JSON.parse(body) as BatchCounts;
  return { created, updated, unchanged, deleted, seq };
}

/** What the batch stored under an idempotency key did, if any. */
export async function readIdempotencyRecord(
  db: Kysely<HubDatabase> | Transaction<HubDatabase>,
  scope: string,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  const row = await db
    .selectFrom('idempotency')
    .select(['request_hash', 'body', 'receipt'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  const record: IdempotencyRecord = { requestHash: row.request_hash, counts: countsFromDb(row.body) };
  if (row.receipt !== null && row.receipt !== undefined) record.receipt = row.receipt;
  return record;
}

/**
 * Applies a batch as the memory store does, in one transaction: the dataset row is locked (PostgreSQL
 * `FOR UPDATE`; a SQLite transaction holds the write lock from its start), so the batches of a dataset
 * take turns; the idempotency key is read once, and a stored one is replayed with nothing written;
 * otherwise the stored JSON of the batch's keys is read, the plan is written with the dialect's set-based
 * statements ({@link BatchWrites}), the counters move, and the idempotency record and the request's audit entry are stored.
 */
export async function applyBatch(
  db: Kysely<HubDatabase>,
  dialect: SqlDialectName,
  writes: BatchWrites,
  batch: BatchInput,
): Promise<BatchOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyInTransaction(db, dialect, writes, batch);
    } catch (error) {
      // Rolled back: the second attempt reads the key the other request stored, and replays it.
      if (error instanceof IdempotencyKeyTaken && attempt === 1) continue;
      throw error;
    }
  }
}

function applyInTransaction(
  db: Kysely<HubDatabase>,
  dialect: SqlDialectName,
  writes: BatchWrites,
  batch: BatchInput,
): Promise<BatchOutcome> {
  return db.transaction().execute(async (trx): Promise<BatchOutcome> => {
    // Lock the dataset row: concurrent batches of one dataset (several hub instances on one PostgreSQL)
    // take turns, so sequences are dense and unique. SQLite transactions start with the write lock.
    const select = trx
      .selectFrom('datasets')
      .select(['last_seq', 'record_count', 'last_change_at'])
      .where('id', '=', batch.datasetId);
    const dataset = await (dialect === 'postgres' ? select.forUpdate() : select).executeTakeFirst();
    if (!dataset) return { kind: 'missing-dataset' };
    const { idempotency } = batch;
    if (idempotency) {
      const earlier = await readIdempotencyRecord(trx, idempotency.scope, idempotency.key);
      if (earlier) return { kind: 'replay', ...earlier };
    }

    const keys = new Set<string>();
    for (const { key } of batch.upserts) keys.add(key);
    for (const key of batch.deletes) keys.add(key);
    const stored = await writes.storedJson(trx, batch.datasetId, [...keys]);
    const plan = planBatch(batch, Number(dataset.last_seq), stored);
    const receipt = batch.receipt ? await batch.receipt({ ...plan.counts }) : undefined;

    await writes.upsertRecords(trx, batch.datasetId, plan.upsertRows);
    await writes.deleteRecords(trx, batch.datasetId, plan.deleteKeys);
    await writes.insertChanges(trx, batch.datasetId, plan.changes);
    if (plan.changes.length > 0 || plan.recordCountDelta !== 0) {
      await trx
        .updateTable('datasets')
        .set({
          last_seq: plan.counts.seq,
          record_count: Number(dataset.record_count) + plan.recordCountDelta,
          last_change_at: plan.changes.length > 0 ? batch.at : dataset.last_change_at,
        })
        .where('id', '=', batch.datasetId)
        .execute();
    }
    if (idempotency) {
      const inserted = await trx
        .insertInto('idempotency')
        .values({
          scope: idempotency.scope,
          key: idempotency.key,
          request_hash: idempotency.requestHash,
          status: 200,
          body: JSON.stringify(plan.counts),
          created_at: batch.at,
          receipt: receipt ?? null,
        })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .executeTakeFirst();
      // Another request stored this key after this one read it: undo this one, replay that one.
      if (!changed(inserted)) {
        throw new IdempotencyKeyTaken(`Idempotency key ${idempotency.key} was stored by another request.`);
      }
    }
    // An insert with an id from the database: no other audit writer is read or waited for.
    if (batch.audit) await insertAuditEntries(trx, [batch.audit]);
    return { kind: 'applied', counts: plan.counts, ...(receipt !== undefined && { receipt }) };
  });
}
