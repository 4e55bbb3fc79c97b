import type { ChangeRow } from './store';

// The JSON item of a change in a changes page, `{"seq":…,"op":…,"key":…,"at":…,"record":…}` (no `record`
// for a delete). SQLite and PostgreSQL build the same item in the query itself (`changeItemsQuery` in
// kysely/page-queries.ts), so that a page is sent without reading each change into an object; the store
// conformance suite holds the three to the same JSON.

/** The item of one change, built in JavaScript. */
export function changeItemText(change: ChangeRow): string {
  const head = `{"seq":${change.seq},"op":"${change.op}","key":${JSON.stringify(change.key)},"at":"${change.at}"`;
  return change.json === null ? `${head}}` : `${head},"record":${change.json}}`;
}
