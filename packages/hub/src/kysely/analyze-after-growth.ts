import { type Kysely, sql } from 'kysely';
import type { HubDatabase } from './database';

/** A dataset's feed must reach this many changes before its first `ANALYZE`. */
const FIRST_ANALYZE_AT = 10_000;

/**
 * Keeps PostgreSQL's statistics of `records` and `changes` up with a dataset that grows fast: after a
 * committed batch takes a dataset's feed to twice the length it had when this store last analyzed it
 * (from 10,000 changes on), the two tables are analyzed. Without statistics the planner guesses a few
 * hundred rows per dataset and may choose plans that scan far more than a page; autovacuum analyzes
 * too, but only after it wakes, long after a bulk load. Doubling keeps the cost to a few `ANALYZE`s
 * (each samples at most 30,000 rows) over any growth. A failed `ANALYZE` is ignored: the batch is
 * committed, and the statistics are an optimisation.
 */
export function analyzeAfterGrowth(
  db: Kysely<HubDatabase>,
): (datasetId: string, lastSeq: number) => Promise<void> {
  const analyzedAt = new Map<string, number>();
  let running: Promise<void> | undefined;
  return async (datasetId, lastSeq) => {
    const before = analyzedAt.get(datasetId) ?? FIRST_ANALYZE_AT / 2;
    if (lastSeq < 2 * before || running) return;
    analyzedAt.set(datasetId, lastSeq);
    running = sql`analyze "records", "changes"`
      .execute(db)
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        running = undefined;
      });
    await running;
  };
}
