import { CompiledQuery } from 'kysely';
import type { BatchWrites } from './batch-writes';

// One statement per step whatever the batch's size: the rows travel as arrays (one parameter per column)
// and `unnest` turns them back into rows inside PostgreSQL. `= any($2)` is a lookup the primary key's
// index serves even on a table never analyzed (an `IN (…)` of 1,024 parameters was planned as a scan).

/** The stored JSON of a batch's keys (`$1` the dataset, `$2` the keys); exported for the plan test. */
export const SELECT_STORED =
  'select "key", "json" from "records" where "dataset_id" = $1 and "key" = any($2::text[])';

const UPSERT_RECORDS = `insert into "records" ("dataset_id", "key", "seq", "updated_at", "json")
select $1, r.key, r.seq, r.updated_at, r.json
from unnest($2::text[], $3::int8[], $4::text[], $5::text[]) as r(key, seq, updated_at, json)
on conflict ("dataset_id", "key") do update
set "seq" = excluded."seq", "updated_at" = excluded."updated_at", "json" = excluded."json"`;

const DELETE_RECORDS = 'delete from "records" where "dataset_id" = $1 and "key" = any($2::text[])';

const INSERT_CHANGES = `insert into "changes" ("dataset_id", "seq", "op", "key", "at", "json")
select $1, c.seq, c.op, c.key, c.at, c.json
from unnest($2::int8[], $3::text[], $4::text[], $5::text[], $6::text[]) as c(seq, op, key, at, json)`;

/** The batch statements of the PostgreSQL store. */
export const postgresBatchWrites: BatchWrites = {
  async storedJson(trx, datasetId, keys) {
    const stored = new Map<string, string>();
    if (keys.length === 0) return stored;
    const { rows } = await trx.executeQuery<{ key: string; json: string }>(
      CompiledQuery.raw(SELECT_STORED, [datasetId, keys]),
    );
    for (const row of rows) stored.set(row.key, row.json);
    return stored;
  },
  async upsertRecords(trx, datasetId, rows) {
    if (rows.length === 0) return;
    const keys: string[] = [];
    const seqs: number[] = [];
    const times: string[] = [];
    const texts: string[] = [];
    for (const row of rows) {
      keys.push(row.key);
      seqs.push(row.seq);
      times.push(row.updatedAt);
      texts.push(row.json);
    }
    await trx.executeQuery(CompiledQuery.raw(UPSERT_RECORDS, [datasetId, keys, seqs, times, texts]));
  },
  async deleteRecords(trx, datasetId, keys) {
    if (keys.length === 0) return;
    await trx.executeQuery(CompiledQuery.raw(DELETE_RECORDS, [datasetId, keys]));
  },
  async insertChanges(trx, datasetId, changes) {
    if (changes.length === 0) return;
    const seqs: number[] = [];
    const ops: string[] = [];
    const keys: string[] = [];
    const times: string[] = [];
    const texts: Array<string | null> = [];
    for (const change of changes) {
      seqs.push(change.seq);
      ops.push(change.op);
      keys.push(change.key);
      times.push(change.at);
      texts.push(change.json);
    }
    await trx.executeQuery(CompiledQuery.raw(INSERT_CHANGES, [datasetId, seqs, ops, keys, times, texts]));
  },
};
