import type { BatchCounts, BatchInput } from './batch';
import type { ChangeRow, RecordRow } from './dataset-store';

/** What a batch writes, worked out before anything is written. */
export interface BatchPlan {
  counts: BatchCounts;
  /** Records to insert or replace: one per key (the last upsert wins), none for a key the batch deletes. */
  upsertRows: RecordRow[];
  /** Stored keys to delete. */
  deleteKeys: string[];
  /** Change-feed entries, in sequence order (upserts in order, then deletes). */
  changes: ChangeRow[];
  /** How the dataset's record count changes. */
  recordCountDelta: number;
}

/**
 * Plans a batch: the one rule every store applies (the memory store and the Kysely stores both write what
 * this returns). An upsert whose JSON text equals the stored one is
 * `unchanged` and takes no sequence; every other upsert takes the next sequence, then every delete of a
 * key that is stored or written by the batch does; deletes of unknown keys are skipped.
 *
 * @param stored the stored JSON text of the batch's keys that exist (keys of upserts and deletes).
 */
export function planBatch(
  batch: BatchInput,
  lastSeq: number,
  stored: ReadonlyMap<string, string>,
): BatchPlan {
  let seq = lastSeq;
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const written = new Map<string, RecordRow>();
  const changes: ChangeRow[] = [];
  for (const { key, json } of batch.upserts) {
    const current = stored.get(key);
    if (current === json) {
      unchanged++;
      continue;
    }
    if (current === undefined) created++;
    else updated++;
    seq++;
    written.set(key, { key, seq, updatedAt: batch.at, json });
    changes.push({ seq, op: 'upsert', key, at: batch.at, json });
  }
  let deleted = 0;
  const removed = new Set<string>();
  for (const key of batch.deletes) {
    if (!stored.has(key) && !written.has(key)) continue;
    seq++;
    deleted++;
    removed.add(key);
    changes.push({ seq, op: 'delete', key, at: batch.at, json: null });
  }
  let recordCountDelta = 0;
  const upsertRows: RecordRow[] = [];
  for (const row of written.values()) {
    if (!stored.has(row.key)) recordCountDelta++;
    if (!removed.has(row.key)) upsertRows.push(row);
  }
  recordCountDelta -= removed.size;
  const deleteKeys = [...removed].filter((key) => stored.has(key));
  return {
    counts: { created, updated, unchanged, deleted, seq },
    upsertRows,
    deleteKeys,
    changes,
    recordCountDelta,
  };
}
