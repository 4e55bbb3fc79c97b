import { eventLoopSlices } from '../event-loop-slices';
import type { BatchWrites } from './batch-writes';
import { fill, paddedKeyChunks, powerOfTwoChunks, StatementTemplates } from './statement-templates';

/**
 * Rows (or keys) per multi-row statement, a power of two: at 6 values a row, 385 parameters, well under
 * SQLite's 32,766, and small enough that one statement holds the event loop for about a quarter of a
 * millisecond. With 256 rows a read during 5,000-record pushes took 2.0–2.2× its time alone, with 64
 * 1.5–1.8×, with no measurable cost to the batches' throughput (`pnpm bench`, audit-read-latency and
 * hub-push).
 */
const ROWS_PER_STATEMENT = 64;

/**
 * The batch statements of the SQLite store: multi-row statements compiled once per row count (see
 * {@link StatementTemplates}) and kept prepared by the connection, filled with each batch's values.
 * better-sqlite3 runs each statement synchronously, so between statements a large batch gives the event
 * loop to other requests ({@link eventLoopSlices}); its transaction stays open meanwhile, holding the
 * write lock and the writing connection, and reads go to the store's reading connection, which sees the
 * last committed state.
 */
export function sqliteBatchWrites(): BatchWrites {
  const templates = new StatementTemplates();
  // One batch writes at a time (its transaction holds the connection), so the slices are the store's.
  const slices = eventLoopSlices();
  return {
    async storedJson(trx, datasetId, keys) {
      const stored = new Map<string, string>();
      for (const chunk of paddedKeyChunks(keys, ROWS_PER_STATEMENT)) {
        await slices.pause();
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
    },
    async upsertRecords(trx, datasetId, rows) {
      for (const chunk of powerOfTwoChunks(rows, ROWS_PER_STATEMENT)) {
        await slices.pause();
        const template = templates.get('upsert-records', chunk.length, (slot) =>
          trx
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
        const values: unknown[] = [datasetId];
        for (const row of chunk) values.push(row.key, row.seq, row.updatedAt, row.json);
        await trx.executeQuery(fill(template, values));
      }
    },
    async deleteRecords(trx, datasetId, keys) {
      for (const chunk of paddedKeyChunks(keys, ROWS_PER_STATEMENT)) {
        await slices.pause();
        const template = templates.get('delete-records', chunk.length, (slot) =>
          trx
            .deleteFrom('records')
            .where('dataset_id', '=', slot(0))
            .where(
              'key',
              'in',
              chunk.map((_, i) => slot(i + 1)),
            ),
        );
        await trx.executeQuery(fill(template, [datasetId, ...chunk]));
      }
    },
    async insertChanges(trx, datasetId, changes) {
      for (const chunk of powerOfTwoChunks(changes, ROWS_PER_STATEMENT)) {
        await slices.pause();
        const template = templates.get('insert-changes', chunk.length, (slot) =>
          trx.insertInto('changes').values(
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
        const values: unknown[] = [datasetId];
        for (const change of chunk) values.push(change.seq, change.op, change.key, change.at, change.json);
        await trx.executeQuery(fill(template, values));
      }
    },
  };
}
