// Page requests shared by the store's list methods.

/**
 * A page request for lists ordered by an ascending text id.
 *
 * @example
 * ```ts
 * import type { AfterPage } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * const page: AfterPage = { limit: 500 };
 * for (;;) {
 *   const rows = await store.listRecords('dinkes.puskesmas', page);
 *   for (const row of rows) console.log(row.json);
 *   if (rows.length < page.limit) break;
 *   page.after = rows[rows.length - 1]?.key; // the next page starts after the last key
 * }
 * ```
 */
export interface AfterPage {
  after?: string;
  limit: number;
}

/**
 * A page request for lists ordered newest first by `(createdAt, id)`.
 *
 * @example
 * ```ts
 * import type { BeforePage } from '@tukar/hub';
 * import { openStore } from '@tukar/hub/node';
 *
 * const store = await openStore('sqlite:/backup/hub-2025-03-10.db');
 * const first: BeforePage = { limit: 20 };
 * const newest = await store.listIntegrations({ ...first, opd: 'Dinas Kesehatan' });
 * const last = newest.at(-1);
 * if (last) {
 *   const next: BeforePage = { before: { at: last.createdAt, id: last.id }, limit: 20 }; // older ones
 *   const older = await store.listIntegrations({ ...next, opd: 'Dinas Kesehatan' });
 * }
 * ```
 */
export interface BeforePage {
  before?: { at: string; id: string };
  limit: number;
}
