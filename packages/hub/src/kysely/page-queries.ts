import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { HubDatabase } from './database';
import type { SqlDialectName } from './migrations';

// The two keyset reads of a dataset's rows, written so that the primary key's index gives both the lookup
// and the order even on a table PostgreSQL has never analyzed: the order names the index's columns
// (`dataset_id, seq`), and a changes page is bounded above as well as below, so it can read no row past the
// page whatever plan is chosen.

/**
 * The changes of a dataset after `since`, at most `limit`, in sequence order. Sequences are dense from 1
 * (batches of a dataset take turns and a change is never removed), so the changes after `since` that fit
 * in the page are those with `since < seq ≤ since + limit`.
 */
function changesRange(db: Kysely<HubDatabase>, datasetId: string, since: number, limit: number) {
  return db
    .selectFrom('changes')
    .where('dataset_id', '=', datasetId)
    .where('seq', '>', since)
    .where('seq', '<=', Math.min(since + limit, Number.MAX_SAFE_INTEGER))
    .orderBy('dataset_id')
    .orderBy('seq')
    .limit(limit);
}

/** The changes of {@link changesRange}, as rows. */
export function changesPageQuery(db: Kysely<HubDatabase>, datasetId: string, since: number, limit: number) {
  return changesRange(db, datasetId, since, limit).select(['seq', 'op', 'key', 'at', 'json']);
}

/**
 * The changes of {@link changesRange} as the JSON items of a changes page, joined by commas, in one row
 * built by the database: `items` (null when there are none), `count`, and `more`, whether the change after
 * `since + limit` exists (sequences are dense, so that says whether any change follows the slice).
 *
 * Each item is the item of `changeItemText` in change-item-text.ts: the stored record text goes in as it
 * is, the key is quoted as JSON (SQLite and PostgreSQL escape a few characters differently from
 * JSON.stringify; every form parses the same). SQLite gives the joined text as a blob, its UTF-8 bytes,
 * which go to the wire as they are: no JavaScript string and no encoding per slice. It joins the items in
 * the order the subquery yields them, the index's order (a subquery with a LIMIT keeps its ORDER BY, and
 * is read as it runs); joining with `ORDER BY seq` in the aggregate would sort them again and double the
 * slice's cost. PostgreSQL is told the order (its docs promise nothing of a subquery's order).
 */
export function changeItemsQuery(
  db: Kysely<HubDatabase>,
  dialect: SqlDialectName,
  datasetId: string,
  since: number,
  limit: number,
) {
  const quotedKey = dialect === 'postgres' ? sql`to_json(key)::text` : sql`json_quote(key)`;
  const slice = changesRange(db, datasetId, since, limit)
    .select([
      'seq',
      sql<string>`'{"seq":' || seq || ',"op":"' || op || '","key":' || ${quotedKey} || ',"at":"' || at || '"' || coalesce(',"record":' || json, '') || '}'`.as(
        'item',
      ),
    ])
    .as('slice');
  const joined: RawBuilder<string | Uint8Array | null> =
    dialect === 'postgres'
      ? sql`string_agg(item, ',' order by seq)`
      : sql`cast(group_concat(item, ',') as blob)`;
  const next = Math.min(since + limit + 1, Number.MAX_SAFE_INTEGER);
  return db
    .selectFrom(slice)
    .select([
      joined.as('items'),
      sql<number | string>`count(*)`.as('count'),
      sql<
        boolean | number
      >`exists (select 1 from changes where dataset_id = ${datasetId} and seq = ${next})`.as('more'),
    ]);
}

/**
 * The records of a dataset after the key `after` (all when undefined), at most `limit`, in key order. The
 * condition is a range of the index's whole key, `(dataset_id, key) > (datasetId, after)` (`>= (datasetId,
 * '')` for the first page) and
 * `dataset_id < datasetId + U+0001` (no text sorts between an id and that, in byte order), which is
 * `dataset_id = datasetId and key > after` said so that PostgreSQL, without statistics, expects a range
 * of the index and walks it in order, stopping at the page's end. Said the plain way, it guesses a few
 * hundred rows for the dataset and, for a page of 1,000, fetches every record after `after` and sorts
 * them.
 */
export function recordsPageQuery(
  db: Kysely<HubDatabase>,
  datasetId: string,
  after: string | undefined,
  limit: number,
) {
  return db
    .selectFrom('records')
    .select(['key', 'seq', 'updated_at', 'json'])
    .where((eb) =>
      eb.and([
        after === undefined
          ? eb(eb.refTuple('dataset_id', 'key'), '>=', eb.tuple(datasetId, ''))
          : eb(eb.refTuple('dataset_id', 'key'), '>', eb.tuple(datasetId, after)),
        eb('dataset_id', '<', `${datasetId}\u0001`),
      ]),
    )
    .orderBy('dataset_id')
    .orderBy('key')
    .limit(limit);
}
