import type { Kysely, Transaction } from 'kysely';
import type { BatchCounts, BatchInput, BatchOutcome, IdempotencyRecord } from '../store';
import { planBatch } from '../store/plan-batch';
import type { HubDatabase } from './database';
import { insertAuditEntries } from './insert-audit-entries';
import type { SqlDialectName } from './migrations';
import { changed } from './query-results';
import { fill, paddedKeyChunks, powerOfTwoChunks, type StatementTemplates } from './statement-templates';

/**
 * Rows (or keys) per multi-row statement, a power of two: at 6 values a row, 6,145 parameters, well under
 * SQLite's 32,766 and PostgreSQL's 65,535.
 */
const ROWS_PER_STATEMENT = 1024;

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
 * otherwise the stored JSON of the batch's keys is read in chunks, the plan is written with multi-row
 * statements, the counters move, and the idempotency record and the request's audit entry are stored.
 */
export async function applyBatch(
  db: Kysely<HubDatabase>,
  dialect: SqlDialectName,
  templates: StatementTemplates,
  batch: BatchInput,
): Promise<BatchOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyInTransaction(db, dialect, templates, batch);
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
  templates: StatementTemplates,
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
    const stored = await storedJson(trx, templates, batch.datasetId, [...keys]);
    const plan = planBatch(batch, Number(dataset.last_seq), stored);
    const receipt = batch.receipt ? await batch.receipt({ ...plan.counts }) : undefined;

    for (const chunk of powerOfTwoChunks(plan.upsertRows, ROWS_PER_STATEMENT)) {
      const template = templates.get('upsert-records', chunk.length, (slot) =>
        db
          .insertInto('records')
          .values(
            chunk.map((_, i) => ({
              dataset_id: slot(0),
              key: slot(4 * i + 1),
              seq: slot(4 * i + 2) as unknown as number,
              updated_at: slot(4 * i + 3),
              json: slot(4 * i + 4),
            })),
          )
          .onConflict((oc) =>
            oc.columns(['dataset_id', 'key']).doUpdateSet((eb) => ({
              seq: eb.ref('excluded.seq'),
              updated_at: eb.ref('excluded.updated_at'),
              json: eb.ref('excluded.json'),
            })),
          ),
      );
      const values: unknown[] = [batch.datasetId];
      for (const row of chunk) values.push(row.key, row.seq, row.updatedAt, row.json);
      await trx.executeQuery(fill(template, values));
    }
    for (const chunk of paddedKeyChunks(plan.deleteKeys, ROWS_PER_STATEMENT)) {
      const template = templates.get('delete-records', chunk.length, (slot) =>
        db
          .deleteFrom('records')
          .where('dataset_id', '=', slot(0))
          .where(
            'key',
            'in',
            chunk.map((_, i) => slot(i + 1)),
          ),
      );
      await trx.executeQuery(fill(template, [batch.datasetId, ...chunk]));
    }
    for (const chunk of powerOfTwoChunks(plan.changes, ROWS_PER_STATEMENT)) {
      const template = templates.get('insert-changes', chunk.length, (slot) =>
        db.insertInto('changes').values(
          chunk.map((_, i) => ({
            dataset_id: slot(0),
            seq: slot(5 * i + 1) as unknown as number,
            op: slot(5 * i + 2),
            key: slot(5 * i + 3),
            at: slot(5 * i + 4),
            json: slot(5 * i + 5),
          })),
        ),
      );
      const values: unknown[] = [batch.datasetId];
      for (const change of chunk) values.push(change.seq, change.op, change.key, change.at, change.json);
      await trx.executeQuery(fill(template, values));
    }
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

/** The stored JSON text of those of `keys` that exist in the dataset. */
async function storedJson(
  trx: Transaction<HubDatabase>,
  templates: StatementTemplates,
  datasetId: string,
  keys: string[],
): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  for (const chunk of paddedKeyChunks(keys, ROWS_PER_STATEMENT)) {
    const template = templates.get('select-records', chunk.length, (slot) =>
      trx
        .selectFrom('records')
        .select(['key', 'json'])
        .where('dataset_id', '=', slot(0))
        .where(
          'key',
          'in',
          chunk.map((_, i) => slot(i + 1)),
        ),
    );
    const { rows } = await trx.executeQuery<{ key: string; json: string }>(
      fill(template, [datasetId, ...chunk]),
    );
    for (const row of rows) stored.set(row.key, row.json);
  }
  return stored;
}
